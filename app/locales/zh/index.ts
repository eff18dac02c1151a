/**
 * Simplified Chinese, the default language. One file per domain so that work on one area does not
 * collide with another; errors.<code> (in common) mirror the DomainError codes of every service.
 */
import admin from "./admin";
import ballot from "./ballot";
import common from "./common";
import council from "./council";
import hearing from "./hearing";
import pool from "./pool";
import procedure from "./procedure";
import portal from "./portal";
import privacy from "./privacy";

const zh = {
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
export default zh;
export type Translations = typeof zh;
