import { AsyncLocalStorage } from "node:async_hooks";
import path from "node:path";
import Database from "better-sqlite3";
import { sql, type SQL } from "drizzle-orm";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { closeDatabase, openDatabase, type Db } from "./connection";
import { runMigrations } from "./migrate";
import * as schema from "./schema";
import * as schemaPg from "./schema-pg";
import { projectRoot } from "../server/paths";

/**
 * One storage interface over two engines (decision 044, issue 18): the embedded SQLite file (the default)
 * and PostgreSQL (`DATABASE_URL=postgres://…`). Domain code is written once, asynchronously:
 *
 *   await store.write(async () => {
 *     const [row] = await store.q.insert(store.t.units).values(…).returning();
 *     await ledger.append(…);              // uses store.q too: the same transaction
 *   }, { lock: [["hearing", id]] });
 *
 * `store.q` is ambient: inside `write` (or `read`) it is that transaction, outside it is a handle that
 * reads committed data. So code called from inside a transaction needs no `tx` parameter, which is how the
 * synchronous services were written against the single better-sqlite3 connection. A `write` inside a
 * `write` is a savepoint: its failure undoes only its own part.
 *
 * The handle is typed as the SQLite database and the tables as the SQLite schema; on PostgreSQL they are
 * drizzle's node-postgres database and `db/schema-pg`, which `tests/scale-out/schema-parity.test.ts` proves
 * has the same columns and JavaScript types. Converted code therefore keeps to what both dialects share:
 * awaited builders, `.returning()`, `onConflictDoNothing/Update`, `.limit(1)` and `[0]` instead of `.get()`,
 * `store.rows(sql…)` for raw SQL — never `.get()`, `.run()`, `.all()` or `$client`.
 */
export type Engine = "sqlite" | "postgres";

/** What a write serialises on across instances: one hearing's or one council's record. */
export type LockScope = readonly ["hearing" | "council", number];

export type WriteOptions = {
  /**
   * Advisory locks taken first, in a fixed order (so two writes naming the same scopes cannot deadlock).
   * SQLite serialises every write anyway; on PostgreSQL the record's appends, sequence numbers and chain
   * head of one scope become serial while other hearings run in parallel.
   */
  lock?: readonly LockScope[];
};

export interface Store {
  readonly engine: Engine;
  /** The tables, typed as the SQLite schema (see above). */
  readonly t: typeof schema;
  /** The current query handle: the transaction inside `write`/`read`, committed data outside. */
  readonly q: Db;
  /** Runs `fn` in one transaction; commits if it resolves, rolls back (and rethrows) if it throws. */
  write<T>(fn: () => Promise<T>, opts?: WriteOptions): Promise<T>;
  /** Runs `fn` on one consistent snapshot (inside a `write`: that write's own view). */
  read<T>(fn: () => Promise<T>): Promise<T>;
  /** Raw SQL's rows on either engine (better-sqlite3's `all`, node-postgres's `rows`). */
  rows<R = Record<string, unknown>>(query: SQL): Promise<R[]>;
  /** Whether the caller is inside a `write`. */
  inWrite(): boolean;
  close(): Promise<void>;
}

export type StoreConfig = { databaseUrl: string } | { file: string };

/** The numbers of PostgreSQL's two-key advisory locks (`pg_advisory_xact_lock(kind, id)`). */
const LOCK_KINDS = { hearing: 1, council: 2 } as const;

/** Opens the store and applies the committed migrations of its engine. */
export async function openStore(config: StoreConfig): Promise<Store> {
  return "databaseUrl" in config ? openPostgresStore(config.databaseUrl) : openSqliteStore(config.file);
}

type Frame = { handle: unknown; writing: boolean; depth: number };

/** Serialises async critical sections in arrival order (a promise chain: no polling, no timers). */
function createMutex() {
  let tail: Promise<unknown> = Promise.resolve();
  return async function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

const sortedLocks = (locks: readonly LockScope[] = []) =>
  [...new Map(locks.map((l) => [`${LOCK_KINDS[l[0]]}:${l[1]}`, [LOCK_KINDS[l[0]], l[1]] as const])).values()].sort(
    (a, b) => a[0] - b[0] || a[1] - b[1],
  );

/**
 * SQLite: one writing connection (better-sqlite3 is synchronous and has one transaction at a time), held
 * by `write` under a process-wide mutex, because an `await` inside `BEGIN IMMEDIATE … COMMIT` would
 * otherwise let another request's statements into the open transaction; and one read-only connection for
 * everything outside a write, which in WAL mode reads the last commit without waiting for the mutex.
 */
async function openSqliteStore(file: string): Promise<Store> {
  const writer = openDatabase(file);
  runMigrations(writer);
  const readerClient = new Database(file, { readonly: true, fileMustExist: true });
  readerClient.pragma("busy_timeout = 5000");
  const reader = drizzleSqlite(readerClient, { schema }) as Db;
  const frames = new AsyncLocalStorage<Frame>();
  const writeLock = createMutex();
  const readLock = createMutex();
  let savepoints = 0;

  const inTransaction = async <T>(client: Database.Database, frame: Frame, begin: string, fn: () => Promise<T>) => {
    client.exec(begin);
    try {
      const value = await frames.run(frame, fn);
      client.exec("COMMIT");
      return value;
    } catch (err) {
      if (client.inTransaction) client.exec("ROLLBACK");
      throw err;
    }
  };

  const store: Store = {
    engine: "sqlite",
    t: schema,
    get q() {
      return (frames.getStore()?.handle ?? reader) as Db;
    },
    write(fn) {
      const outer = frames.getStore();
      if (outer?.writing) {
        const name = `sp${++savepoints}`;
        return (async () => {
          writer.$client.exec(`SAVEPOINT ${name}`);
          try {
            const value = await frames.run({ ...outer, depth: outer.depth + 1 }, fn);
            writer.$client.exec(`RELEASE ${name}`);
            return value;
          } catch (err) {
            writer.$client.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
            throw err;
          }
        })();
      }
      if (outer) return Promise.reject(new Error("store.write inside store.read: a snapshot cannot become a write"));
      return writeLock(() => inTransaction(writer.$client, { handle: writer, writing: true, depth: 0 }, "BEGIN IMMEDIATE", fn));
    },
    read(fn) {
      if (frames.getStore()) return fn();
      return readLock(() => inTransaction(readerClient, { handle: reader, writing: false, depth: 0 }, "BEGIN", fn));
    },
    async rows<R>(query: SQL) {
      return store.q.all(query) as R[];
    },
    inWrite: () => frames.getStore()?.writing === true,
    async close() {
      // Whatever is queued finishes first; then the WAL is folded back into the file.
      await writeLock(async () => undefined);
      readerClient.close();
      closeDatabase(writer);
    },
  };
  return store;
}

/**
 * PostgreSQL: a node-postgres pool. `write` is a READ COMMITTED transaction on one pooled connection that
 * first takes the advisory locks it names; `read` a REPEATABLE READ, READ ONLY one; outside both, each
 * statement takes any connection and sees the last commit.
 */
async function openPostgresStore(url: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection's error (the server restarting) must not take the process down; the next query reconnects.
  pool.on("error", () => undefined);
  const db = drizzlePg(pool, { schema: schemaPg });
  await migratePg(db, { migrationsFolder: path.join(projectRoot, "db/migrations-pg") });
  type Tx = Parameters<Parameters<NodePgDatabase<typeof schemaPg>["transaction"]>[0]>[0];
  const frames = new AsyncLocalStorage<Frame>();

  const store: Store = {
    engine: "postgres",
    t: schemaPg as unknown as typeof schema,
    get q() {
      return (frames.getStore()?.handle ?? db) as unknown as Db;
    },
    write(fn, opts) {
      const outer = frames.getStore();
      if (outer && !outer.writing) return Promise.reject(new Error("store.write inside store.read: a snapshot cannot become a write"));
      const body = async (tx: Tx) => {
        for (const [kind, id] of sortedLocks(opts?.lock)) await tx.execute(sql`select pg_advisory_xact_lock(${kind}::int, ${id}::int)`);
        return frames.run({ handle: tx, writing: true, depth: (outer?.depth ?? -1) + 1 }, fn);
      };
      // Inside a write, drizzle's nested transaction is a savepoint.
      if (outer) return (outer.handle as Tx).transaction(body);
      return db.transaction(body, { isolationLevel: "read committed" });
    },
    read(fn) {
      if (frames.getStore()) return fn();
      return db.transaction((tx) => frames.run({ handle: tx, writing: false, depth: 0 }, fn), {
        isolationLevel: "repeatable read",
        accessMode: "read only",
      });
    },
    async rows<R>(query: SQL) {
      const handle = (frames.getStore()?.handle ?? db) as NodePgDatabase<typeof schemaPg>;
      const result = await handle.execute(query);
      return result.rows as R[];
    },
    inWrite: () => frames.getStore()?.writing === true,
    async close() {
      await pool.end();
    },
  };
  return store;
}
