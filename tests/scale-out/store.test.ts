import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Engine, type Store } from "../../db/store";
import { startPostgres, type TestPostgres } from "../support/postgres";

/**
 * The storage interface of decision 044 on both engines: a real SQLite file and a real PostgreSQL server
 * started by this file. What the services will rely on when they become asynchronous: the ambient
 * transaction, commit and rollback, savepoints, serialised writes and snapshot reads.
 */

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};
const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

let postgres: TestPostgres | null = null;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "civic-store-"));

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await postgres?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe.each<Engine>(["sqlite", "postgres"])("store on %s", (engine) => {
  let store: Store;

  beforeAll(async () => {
    store = engine === "sqlite" ? await openStore({ file: path.join(tmp, "store.sqlite") }) : await openStore({ databaseUrl: postgres!.url });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  const street = (name: string) => ({ kind: "street" as const, name, createdAt: new Date() });
  const names = async () => (await store.q.select({ name: store.t.units.name }).from(store.t.units)).map((r) => r.name);
  const insert = async (name: string) => (await store.q.insert(store.t.units).values(street(name)).returning({ id: store.t.units.id }))[0]!.id;

  it("runs the migrations of its engine", async () => {
    expect(store.engine).toBe(engine);
    const [row] = await store.rows<{ n: number }>(sql`select cast(count(*) as integer) as n from units`);
    expect(Number(row!.n)).toBe(0);
  });

  it("commits a write; inside it, store.q is the transaction, and outside nobody sees it before the commit", async () => {
    const inside = deferred();
    const release = deferred();
    const writing = store.write(async () => {
      expect(store.inWrite()).toBe(true);
      await insert("ambient");
      expect(await names()).toContain("ambient");
      inside.resolve();
      await release.promise;
      return "done";
    });
    await inside.promise;
    expect(store.inWrite()).toBe(false);
    expect(await names()).not.toContain("ambient");
    release.resolve();
    expect(await writing).toBe("done");
    expect(await names()).toContain("ambient");
  });

  it("rolls a write back when it throws, and rethrows", async () => {
    await expect(
      store.write(async () => {
        await insert("rolled back");
        throw new Error("no");
      }),
    ).rejects.toThrow("no");
    expect(await names()).not.toContain("rolled back");
  });

  it("makes a write inside a write a savepoint: its failure undoes only its own part", async () => {
    await store.write(async () => {
      await insert("outer");
      await expect(
        store.write(async () => {
          await insert("inner");
          throw new Error("inner fails");
        }),
      ).rejects.toThrow("inner fails");
      await store.write(async () => insert("inner kept"));
    });
    const all = await names();
    expect(all).toEqual(expect.arrayContaining(["outer", "inner kept"]));
    expect(all).not.toContain("inner");
  });

  it("serialises two read-modify-write transactions on the same scope: no lost update", async () => {
    const id = await store.write(() => insert("0"));
    const bump = () =>
      store.write(
        async () => {
          const [row] = await store.q.select().from(store.t.units).where(eq(store.t.units.id, id)).limit(1);
          await tick(); // the other write would read the same value here without the lock
          await store.q.update(store.t.units).set({ name: String(Number(row!.name) + 1) }).where(eq(store.t.units.id, id));
        },
        { lock: [["hearing", 7]] },
      );
    await Promise.all([bump(), bump(), bump()]);
    const [row] = await store.q.select().from(store.t.units).where(eq(store.t.units.id, id)).limit(1);
    expect(row!.name).toBe("3");
  });

  it("reads one snapshot: a commit in the middle of a read is not seen by it", async () => {
    const between = deferred();
    const resume = deferred();
    const reading = store.read(async () => {
      const before = (await names()).length;
      between.resolve();
      await resume.promise;
      return [before, (await names()).length];
    });
    await between.promise;
    await store.write(() => insert("during the read"));
    resume.resolve();
    const [before, after] = await reading;
    expect(after).toBe(before);
    expect(await names()).toContain("during the read");
  });

  it("refuses a write inside a read, and changes nothing", async () => {
    await expect(store.read(() => store.write(() => insert("from a read")))).rejects.toThrow(/snapshot cannot become a write/);
    expect(await names()).not.toContain("from a read");
  });

});

describe("store on postgres, beside another instance", () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ databaseUrl: postgres!.url });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });
  const street = (name: string) => ({ kind: "street" as const, name, createdAt: new Date() });
  const names = async () => (await store.q.select({ name: store.t.units.name }).from(store.t.units)).map((r) => r.name);
  const insert = async (name: string) => (await store.q.insert(store.t.units).values(street(name)).returning({ id: store.t.units.id }))[0]!.id;

  it("waits for an advisory lock held by another connection (another instance)", async () => {
    const other = new pg.Client({ connectionString: postgres!.url });
    await other.connect();
    try {
      await other.query("begin");
      await other.query("select pg_advisory_xact_lock(1, 42)"); // hearing 42
      let done = false;
      const writing = store.write(async () => insert("after the lock"), { lock: [["hearing", 42]] }).then(() => (done = true));
      const unrelated = await store.write(async () => insert("another hearing"), { lock: [["hearing", 43]] });
      expect(unrelated).toBeGreaterThan(0);
      await tick(150);
      expect(done).toBe(false);
      await other.query("commit");
      await writing;
      expect(await names()).toContain("after the lock");
    } finally {
      await other.end();
    }
  });
});
