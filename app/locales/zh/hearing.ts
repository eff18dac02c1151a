/** Strings of the hearing screens (namespace `hearing.*`); `errors` are merged into the shared errors.<code>. */
const hearing = {
  errors: {},
};
export default hearing;
