import { customType } from "drizzle-orm/pg-core";

/**
 * A point in time kept as milliseconds since the epoch in a `bigint`: the same representation as the
 * SQLite schema's `integer(…, { mode: "timestamp_ms" })` (decision 044), so the domain code reads and
 * writes `Date`s on both engines, raw SQL comparing a column with `Date.now()` means the same thing,
 * and moving a deployment's data to PostgreSQL copies the numbers unchanged. node-postgres returns
 * int8 as a string (it may exceed 2^53 in general); milliseconds until the year 275760 do not.
 */
export const timestampMs = customType<{ data: Date; driverData: string | number }>({
  dataType() {
    return "bigint";
  },
  toDriver(value: Date): number {
    return value.getTime();
  },
  fromDriver(value: string | number): Date {
    return new Date(Number(value));
  },
});
