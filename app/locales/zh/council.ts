/** Strings of the council screens (namespace `council.*`); `errors` are merged into the shared errors.<code>. */
const council = {
  errors: {},
};
export default council;
