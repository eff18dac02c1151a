import type { Translations } from "../zh";
import admin from "./admin";
import ballot from "./ballot";
import common from "./common";
import council from "./council";
import hearing from "./hearing";
import pool from "./pool";

const en: Translations = {
  ...common,
  pool,
  hearing,
  ballot,
  council,
  admin,
  errors: { ...common.errors, ...pool.errors, ...hearing.errors, ...ballot.errors, ...council.errors, ...admin.errors },
};
export default en;
