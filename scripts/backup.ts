// npm run backup -- <dir>: a consistent online copy of the data directory while the server runs
// (docs/operations.md). The database through SQLite's online backup API (a snapshot of one moment, taken
// page by page without stopping writers), then the uploads. Uploads are content-addressed and written
// (renamed into place) before the row that names them commits, so copying them after the database
// snapshot guarantees every file the copy refers to is in it; a newer file is merely unused.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { loadEnv } from "../server/env";

export async function backup(dataDir: string, target: string): Promise<{ database: string; files: number }> {
  const source = path.join(dataDir, "civic.sqlite");
  if (!fs.existsSync(source)) throw new Error(`no database at ${source}`);
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) throw new Error(`${target} is not empty`);
  fs.mkdirSync(target, { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  const database = path.join(target, "civic.sqlite");
  try {
    await db.backup(database);
  } finally {
    db.close();
  }
  let files = 0;
  for (const entry of fs.readdirSync(dataDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue; // the database and its -wal/-shm are in the snapshot above
    files += copyTree(path.join(dataDir, entry.name), path.join(target, entry.name));
  }
  return { database, files };
}

function copyTree(from: string, to: string): number {
  fs.mkdirSync(to, { recursive: true });
  let n = 0;
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name.startsWith(".upload-")) continue; // an upload still being received
    const src = path.join(from, entry.name);
    if (entry.isDirectory()) n += copyTree(src, path.join(to, entry.name));
    else if (entry.isFile()) {
      fs.copyFileSync(src, path.join(to, entry.name));
      n++;
    }
  }
  return n;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = process.argv[2];
  if (!target) {
    console.error("usage: npm run backup -- <empty directory>");
    process.exit(2);
  }
  const env = loadEnv();
  backup(env.dataDir, path.resolve(target)).then(
    (r) => console.log(`backup written: ${r.database} and ${r.files} uploaded files`),
    (err: Error) => {
      console.error(`backup failed: ${err.message}`);
      process.exit(1);
    },
  );
}
