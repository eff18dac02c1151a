import type zh from "../zh/council";

const council: typeof zh = {
  errors: {},
};
export default council;
