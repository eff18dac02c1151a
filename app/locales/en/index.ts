import type { Translations } from "../zh";
import admin from "./admin";
import ballot from "./ballot";
import common from "./common";
import council from "./council";
import hearing from "./hearing";
import pool from "./pool";
import procedure from "./procedure";
import portal from "./portal";

const en: Translations = {
  ...common,
  pool,
  hearing,
  ballot,
  council,
  admin,
  procedure,
  portal,
  errors: { ...common.errors, ...pool.errors, ...hearing.errors, ...ballot.errors, ...council.errors, ...admin.errors, ...procedure.errors, ...portal.errors },
};
export default en;
