import type { Translations } from "../zh";
import ballot from "./ballot";
import common from "./common";
import council from "./council";
import hearing from "./hearing";
import pool from "./pool";
import portal from "./portal";

const en: Translations = {
  ...common,
  pool,
  hearing,
  ballot,
  council,
  portal,
  errors: { ...common.errors, ...pool.errors, ...hearing.errors, ...ballot.errors, ...council.errors, ...portal.errors },
};
export default en;
