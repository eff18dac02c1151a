/** Strings of the ballot screens (namespace `ballot.*`); `errors` are merged into the shared errors.<code>. */
const ballot = {
  errors: {},
};
export default ballot;
