/**
 * Simplified Chinese, the default language. One file per domain so that work on one area does not
 * collide with another; errors.<code> (in common) mirror the DomainError codes of every service.
 */
import ballot from "./ballot";
import common from "./common";
import council from "./council";
import hearing from "./hearing";
import pool from "./pool";
import portal from "./portal";

const zh = {
  ...common,
  pool,
  hearing,
  ballot,
  council,
  portal,
  errors: { ...common.errors, ...pool.errors, ...hearing.errors, ...ballot.errors, ...council.errors, ...portal.errors },
};
export default zh;
export type Translations = typeof zh;
