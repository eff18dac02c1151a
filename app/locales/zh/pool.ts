/** Strings of the pool screens (namespace `pool.*`); `errors` are merged into the shared errors.<code>. */
const pool = {
  errors: {},
};
export default pool;
