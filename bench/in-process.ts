/**
 * Server-side costs measured in this process, without touching the app.
 *
 * 1. How much of a vote's acknowledgement is the database commit:
 * in this process, on a copy of the bench's database in the same directory (same disk), opened with
 * the app's own openDatabase (WAL, synchronous=FULL), the real ballot service casts a 50-juror
 * ballot's votes one after another — the exact transaction a `ballot:cast` runs, fsync included.
 * The same casts with synchronous=OFF (no fsync) show what the fsync alone costs; a one-row commit
 * shows the floor of any durable write on this disk.
 *
 * 2. The hot reads of the live path, on the same copy with a 50-vote ballot open: the snapshot a
 *    spectator gets on every (re)join, and the ballot state inside it (the live tally with its voters),
 *    which is also what every coalesced `ballot:tally` broadcast computes.
 *
 * It runs before any server starts, so these are quiet-machine figures: under load a cast also
 * waits for whatever runs before it on the event loop (the ack latency shows that).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { closeDatabase, openDatabase } from "../db/connection";
import { users } from "../db/schema";
import { principalFor } from "../db/seed/principals";
import { loadHearing } from "../server/hearings/access";
import { HEARING_OPTIONS } from "./messages";
import { openBenchServices, type BenchHearing } from "./setup";
import { percentile, round } from "./stats";

export type CommitFigures = {
  /** The service's cast() (one BEGIN IMMEDIATE … COMMIT with the ledger entry), synchronous=FULL. */
  cast_tx_p50_ms: number | null;
  cast_tx_p99_ms: number | null;
  /** The same casts with synchronous=OFF: everything but the fsync. */
  cast_tx_nosync_p50_ms: number | null;
  /** One-row INSERT commit, synchronous=FULL: the disk's durable-commit floor. */
  commit_p50_ms: number | null;
  commit_p99_ms: number | null;
  samples: number;
};

export type HotPathFigures = {
  /** hearing:join for an anonymous spectator: views.snapshot, with a 50-vote ballot open. */
  spectator_snapshot_ms: number | null;
  spectator_snapshot_bytes: number;
  /** The ballot part of it: ballots.state → liveTally (also the cost of each tally broadcast). */
  ballot_state_ms: number | null;
  /** One trivial drizzle select by primary key, and the same statement prepared once in better-sqlite3. */
  drizzle_select_ms: number | null;
  prepared_select_ms: number | null;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureInProcess(dataDir: string, hearing: BenchHearing, ballots: number): Promise<{ commit: CommitFigures; hot: HotPathFigures }> {
  const scratch = path.join(dataDir, "commit-probe");
  fs.mkdirSync(scratch, { recursive: true });
  fs.copyFileSync(path.join(dataDir, "civic.sqlite"), path.join(scratch, "civic.sqlite"));
  const { db, services } = openBenchServices(scratch);
  const mediator = principalFor(db, "mediator");
  const jurors = hearing.jurors.map((j) => principalFor(db, db.select({ u: users.username }).from(users).where(eq(users.id, j.userId)).get()!.u));

  async function castAll(keepOpen = false): Promise<number[]> {
    const times: number[] = [];
    const ballot = services.ballots.open(mediator, {
      scope: "hearing",
      scopeId: hearing.hearingId,
      itemId: null,
      question: "commit probe",
      options: HEARING_OPTIONS,
      secret: false,
      quorum: 0,
      threshold: "majority_cast",
      passOptionId: null,
      tieRule: "revote",
      allowChange: false,
      timeLimitSeconds: null,
    });
    for (const [i, j] of jurors.entries()) {
      const t0 = performance.now();
      services.ballots.cast(j, { ballotId: ballot.id, optionId: HEARING_OPTIONS[i % 3].id, key: randomBytes(16).toString("hex") });
      times.push(performance.now() - t0);
    }
    await sleep(30); // let the coalesced tally computations run, as they would between votes
    if (!keepOpen) services.ballots.close(mediator, { ballotId: ballot.id });
    return times;
  }

  try {
    const full: number[] = [];
    for (let b = 0; b < ballots; b++) full.push(...(await castAll()));
    db.$client.pragma("synchronous = OFF");
    const nosync = await castAll();
    db.$client.pragma("synchronous = FULL");

    const probe = openDatabase(path.join(scratch, "probe.sqlite"));
    probe.$client.exec("create table if not exists t (x integer)");
    const insert = probe.$client.prepare("insert into t (x) values (?)");
    const oneRow = probe.$client.transaction((x: number) => insert.run(x));
    const one: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      oneRow.immediate(i);
      one.push(performance.now() - t0);
    }
    closeDatabase(probe);

    // The hot reads, with the last ballot left open and all its votes in.
    await castAll(true);
    const anonymous = { kind: "anonymous" } as const;
    const med = (fn: () => unknown, n: number) => {
      fn();
      const t: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        fn();
        t.push(performance.now() - t0);
      }
      return round(percentile(t, 0.5), 3);
    };
    const hearingId = hearing.hearingId;
    const byId = db.$client.prepare("select * from hearings where id = ?");
    const hot: HotPathFigures = {
      spectator_snapshot_ms: med(() => services.hearings.views.snapshot(anonymous, hearingId), 50),
      spectator_snapshot_bytes: JSON.stringify(services.hearings.views.snapshot(anonymous, hearingId)).length,
      ballot_state_ms: med(() => services.ballots.state(anonymous, { scope: "hearing", scopeId: hearingId }), 50),
      drizzle_select_ms: med(() => loadHearing(db, hearingId), 500),
      prepared_select_ms: med(() => byId.get(hearingId), 500),
    };

    const commit: CommitFigures = {
      cast_tx_p50_ms: round(percentile(full, 0.5), 2),
      cast_tx_p99_ms: round(percentile(full, 0.99), 2),
      cast_tx_nosync_p50_ms: round(percentile(nosync, 0.5), 2),
      commit_p50_ms: round(percentile(one, 0.5), 2),
      commit_p99_ms: round(percentile(one, 0.99), 2),
      samples: full.length,
    };
    return { commit, hot };
  } finally {
    closeDatabase(db);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
