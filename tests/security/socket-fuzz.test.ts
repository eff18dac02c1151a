// Issue 15, "property-based fuzzing of every socket event": arbitrary payloads never crash the server,
// never change state when refused, and always get exactly one clear acknowledgement — never `internal`.
// The events come from the server's registry, so a new command is fuzzed without anyone listing it.
import fc from "fast-check";
import type { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandNames, commandRegistry } from "../../server/live/handlers";
import { hearingPhases } from "../../db/schema";
import { hearingInCheckin, type DrivenHearing } from "../privacy/support";
import { connected, connectSocket, login, startTestServer, type ClientSocket, type TestServer } from "../support/server";
import { stateFingerprint } from "./support";

let server: TestServer;
let h: DrivenHearing;
let callers: { name: string; cookie?: string }[];
let knownIds: number[];
/** Runs per caller and event (FUZZ_RUNS=200 for a longer hunt). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 24);
/** Commands per socket before a fresh one: each run sends two, and one socket's burst is 40. */
const RUNS_PER_SOCKET = 15;

beforeAll(async () => {
  // Budgets per client raised: this suite sends thousands of commands from one address on purpose.
  server = await startTestServer({ env: { BUDGET_SESSION_RATE: "10000", BUDGET_SESSION_BURST: "100000", BUDGET_ANONYMOUS_RATE: "10000", BUDGET_ANONYMOUS_BURST: "100000" } });
  h = await hearingInCheckin(server);
  callers = [
    { name: "anonymous" },
    { name: "juror", cookie: h.jurors[0].cookie },
    { name: "party", cookie: h.parties[0].cookie },
    { name: "mediator", cookie: h.mediatorCookie },
    { name: "admin", cookie: await login(server, "admin") },
  ];
  const sqlite = server.services.db.$client;
  const ids = (table: string) => (sqlite.prepare(`select id from "${table}" order by id limit 3`).all() as { id: number }[]).map((r) => r.id);
  knownIds = [...new Set([h.hearingId, ...ids("councils"), ...ids("council_items"), ...ids("ballots"), ...ids("hearing_parties"), ...ids("exhibits"), 1, 2])];
}, 240_000);
afterAll(async () => {
  h?.close();
  await server?.close();
});

/** The top-level keys a command's schema knows, so that generated payloads reach past the first check. */
function keysOf(schema: z.ZodTypeAny): string[] {
  const def = (schema as unknown as { _def: { typeName: string; schema?: z.ZodTypeAny; options?: z.ZodTypeAny[]; innerType?: z.ZodTypeAny } })._def;
  if (def.typeName === "ZodObject") return Object.keys((schema as z.AnyZodObject).shape);
  if (def.typeName === "ZodEffects" && def.schema) return keysOf(def.schema);
  if ((def.typeName === "ZodUnion" || def.typeName === "ZodDiscriminatedUnion") && def.options) return [...new Set(def.options.flatMap(keysOf))];
  if (def.innerType) return keysOf(def.innerType);
  return [];
}

const scalar = () =>
  fc.oneof(
    fc.constantFrom(...knownIds),
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, -1, 2 ** 53, Number.MAX_VALUE, "1", "", " ", "null", "__proto__", "constructor"),
    fc.constantFrom(...hearingPhases, "for", "against", "a", "party_a", "start", "pause", "admit", "reject", "hearing", "council"),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: "grapheme", maxLength: 200 }),
    fc.string({ minLength: 4000, maxLength: 9000 }),
    fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 32, maxLength: 64 }),
    fc.boolean(),
    fc.constant(null),
  );
const value = () => fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar(), fc.array(scalar(), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), scalar(), { maxKeys: 3 }), fc.uint8Array({ maxLength: 32 }).map((a) => Buffer.from(a)));

/** A payload shaped like the command's (some of its keys, arbitrary values, maybe an extra key), or anything at all. */
function payloadFor(keys: string[]) {
  const shaped = fc
    .tuple(fc.subarray(keys), fc.array(value(), { minLength: keys.length, maxLength: keys.length }), fc.option(fc.tuple(fc.string({ maxLength: 10 }), value())))
    .map(([present, values, extra]) => {
      const o: Record<string, unknown> = {};
      present.forEach((k, i) => (o[k] = values[i]));
      if (extra) o[extra[0]] = extra[1];
      return o;
    });
  return fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) }, { weight: 1, arbitrary: value() });
}

/** The arguments of one emit: one payload (mostly), none, or extra ones (a non-function in the ack position). */
const argsFor = (keys: string[]) =>
  fc.oneof({ weight: 6, arbitrary: payloadFor(keys).map((p) => [p]) }, { weight: 1, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.tuple(payloadFor(keys), value()) });

/** Rows written by the server's connection since it opened (it is this process's: the server runs in it). */
const totalChanges = () => (server.services.db.$client.prepare("select total_changes() as n").get() as { n: number }).n;

type Ack = { ok: boolean; data?: unknown; error?: { code?: unknown } };

/** Emits raw arguments with an ack; resolves with every ack received up to the next round trip. */
async function send(socket: ClientSocket, event: string, args: readonly unknown[]): Promise<Ack[] | null> {
  const acks: Ack[] = [];
  let bound: NodeJS.Timeout | undefined;
  const first = new Promise<void>((resolve, reject) => {
    bound = setTimeout(() => reject(new Error(`${event}: no acknowledgement within 10 s`)), 10_000);
    (socket.emit as (...a: unknown[]) => void)(event, ...args, (res: Ack) => {
      acks.push(res);
      clearTimeout(bound);
      resolve();
    });
  });
  try {
    await first;
  } catch (err) {
    // socket.io's own encoder refuses some fast-check objects (a typed array's prototype on a plain
    // object) before anything is written: no server can ever receive them, so the sample is skipped.
    clearTimeout(bound);
    if (err instanceof TypeError && /incompatible receiver/.test(err.message)) return null;
    throw err;
  }
  // A second ack, if the server sent one, arrives before the answer to the next command on this socket.
  await socket.emitWithAck("session:whoami", {});
  return acks;
}

/**
 * A payload for the failure message. fast-check can build objects that JSON.stringify cannot read
 * (a typed array's prototype on a plain object throws "incompatible receiver"): describe, never throw.
 */
function printable(args: unknown): string {
  try {
    return JSON.stringify(args).slice(0, 300);
  } catch {
    return `(unprintable ${Object.prototype.toString.call(args)})`;
  }
}

describe("fuzzing every socket command's payload", () => {
  it("enumerates the server's registry", () => {
    expect(commandNames.length).toBeGreaterThan(40);
    expect(commandNames).toContain("ballot:cast");
    expect(commandNames).toContain("hearing:advance");
  });

  it.each(commandNames)("%s: one clear acknowledgement for any payload, never internal, nothing changed when refused", { timeout: 240_000 }, async (event) => {
    const keys = keysOf(commandRegistry[event].schema);
    let fingerprint = stateFingerprint(server);
    for (const caller of callers) {
      // Fresh sockets per caller and event, rotated within one socket's burst: the per-socket throttle
      // never answers in the handler's place.
      let socket = connectSocket(server, { cookie: caller.cookie, origin: server.url });
      let sent = 0;
      await connected(socket);
      try {
        await fc.assert(
          fc.asyncProperty(argsFor(keys), async (args) => {
            if (sent++ === RUNS_PER_SOCKET) {
              expect(socket.connected, `${caller.name} ${event}: the socket was dropped`).toBe(true);
              socket.disconnect();
              socket = connectSocket(server, { cookie: caller.cookie, origin: server.url });
              await connected(socket);
              sent = 1;
            }
            const what = `${caller.name} ${event} ${printable(args)}`;
            const changesBefore = totalChanges();
            const acks = await send(socket, event, args);
            fc.pre(acks !== null);
            expect(acks, what).toHaveLength(1);
            const [ack] = acks;
            if (ack.ok) {
              // A well-formed, authorised command may change the state: that is its job.
              fingerprint = stateFingerprint(server);
              return;
            }
            expect(typeof ack.error?.code, JSON.stringify(ack)).toBe("string");
            expect(ack.error!.code, what).toMatch(/^[a-z_]+$/);
            expect(ack.error!.code, what).not.toBe("internal");
            expect(ack.error!.code, what).not.toBe("rate_limited");
            // Nothing written at all, or (if the connection wrote, e.g. a session's sliding expiry) no row differs.
            if (totalChanges() !== changesBefore) expect(stateFingerprint(server), `${what}: a refused command changed the database`).toBe(fingerprint);
          }),
          { numRuns: RUNS, endOnFailure: true },
        );
        expect(socket.connected).toBe(true);
      } finally {
        socket.disconnect();
      }
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
