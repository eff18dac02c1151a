import type zh from "../zh/pool";

const pool: typeof zh = {
  errors: {},
};
export default pool;
