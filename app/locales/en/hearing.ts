import type zh from "../zh/hearing";

const hearing: typeof zh = {
  errors: {},
};
export default hearing;
