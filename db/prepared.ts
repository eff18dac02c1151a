import type { Db } from "./connection";

/**
 * A query prepared once per database instead of on every call (issue 16). Drizzle builds the SQL of an
 * ordinary query — and better-sqlite3 compiles it — on every call: about 0.1–0.5 ms for the joins and wide
 * rows of the live room's hot paths (a spectator joining, a vote), against microseconds for a prepared
 * statement. Parameters are `sql.placeholder(name)`s.
 *
 *     const hearingById = preparedQuery((db) =>
 *       db.select().from(hearings).where(eq(hearings.id, sql.placeholder("id"))).prepare());
 *     hearingById(db).get({ id });
 *
 * Keyed by the database object, so a test process with several databases gets one statement each.
 */
export function preparedQuery<T>(build: (db: Db) => T): (db: Db) => T {
  const byDb = new WeakMap<Db, T>();
  return (db) => {
    let query = byDb.get(db);
    if (query === undefined) byDb.set(db, (query = build(db)));
    return query;
  };
}
