// npm run restore -- <dir>: restores a backup (npm run backup) into DATA_DIR, which must be empty or
// absent — a restore never mixes with live data. The copy's integrity is checked before it is put in place.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { loadEnv } from "../server/env";

export function restore(source: string, dataDir: string): { files: number } {
  const database = path.join(source, "civic.sqlite");
  if (!fs.existsSync(database)) throw new Error(`${source} holds no civic.sqlite: not a backup`);
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) throw new Error(`${dataDir} is not empty: restore only into an empty data directory`);
  const check = new Database(database, { readonly: true, fileMustExist: true });
  try {
    const result = check.pragma("integrity_check", { simple: true });
    if (result !== "ok") throw new Error(`the backup's database fails its integrity check: ${String(result)}`);
  } finally {
    check.close();
  }
  fs.mkdirSync(dataDir, { recursive: true });
  fs.cpSync(source, dataDir, { recursive: true });
  const files = fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length - 1;
  return { files };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const source = process.argv[2];
  if (!source) {
    console.error("usage: npm run restore -- <backup directory>   (restores into DATA_DIR, which must be empty)");
    process.exit(2);
  }
  const env = loadEnv();
  try {
    const r = restore(path.resolve(source), env.dataDir);
    console.log(`restored into ${env.dataDir} (${r.files} uploaded files); start the server to use it`);
  } catch (err) {
    console.error(`restore failed: ${(err as Error).message}`);
    process.exit(1);
  }
}
