import type { Translations } from "../zh";
import admin from "./admin";
import ballot from "./ballot";
import common from "./common";
import council from "./council";
import hearing from "./hearing";
import pool from "./pool";
import procedure from "./procedure";
import portal from "./portal";
import privacy from "./privacy";

const en: Translations = {
  ...common,
  pool,
  hearing,
  ballot,
  council,
  admin,
  procedure,
  portal,
  privacy,
  errors: { ...common.errors, ...pool.errors, ...hearing.errors, ...ballot.errors, ...council.errors, ...admin.errors, ...procedure.errors, ...portal.errors, ...privacy.errors },
};
export default en;
