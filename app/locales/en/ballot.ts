import type zh from "../zh/ballot";

const ballot: typeof zh = {
  errors: {},
};
export default ballot;
