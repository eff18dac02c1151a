import { createHash } from "node:crypto";
import type { TestServer } from "../support/server";

/**
 * Tables whose rows change on any request without being state a refusal could alter: the session's
 * sliding expiry is touched when a signed-in socket's principal is rechecked.
 */
const volatileTables = new Set(["sessions"]);

/** A digest of every row of every table: equal before and after a refused command means nothing changed. */
export function stateFingerprint(server: TestServer): string {
  const sqlite = server.services.db.$client;
  // Ordinary tables only: a full-text index's shadow tables follow from the rows they index.
  const tables = (sqlite.prepare("pragma table_list").all() as { schema: string; name: string; type: string; wr: number }[])
    .filter((t) => t.schema === "main" && t.type === "table" && !t.name.startsWith("sqlite_"))
    .sort((a, b) => a.name.localeCompare(b.name));
  const hash = createHash("sha256");
  for (const { name, wr } of tables) {
    if (volatileTables.has(name)) continue;
    hash.update(`\u0000${name}\u0000`);
    for (const row of sqlite.prepare(`select * from "${name}" order by ${wr ? "1" : "rowid"}`).iterate()) hash.update(JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? String(v) : Buffer.isBuffer(v) ? v.toString("hex") : v)));
  }
  return hash.digest("hex");
}

/** Which rows differ (names only), for a readable failure message. */
export function tableCounts(server: TestServer): Record<string, number> {
  const sqlite = server.services.db.$client;
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, (sqlite.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n]));
}
