/**
 * Every state of a council has a way forward (issue 14, item 1). fast-check drives a council through
 * random sequences of what the chair and the representatives may try — in any order, most of them
 * refused — against the real services on a real SQLite file. From each state reached, either
 *  - the chair alone reaches `cancelled` or `resolved` (ending the session, whatever is undecided), or
 *  - with the representatives cooperating (they check in and vote), the chair reaches `resolved` with
 *    every item decided and every passed item's resolution published.
 * Any error other than a DomainError (a refusal with a code) fails the property.
 */
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { and, desc, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ballots, councilItems, councilParticipants, councils, representatives, resolutions, users } from "../../db/schema";
import { principalFor } from "../../db/seed/principals";
import { isDomainError } from "../../server/errors";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const DAY = 86_400_000;
const VOTERS = 5;

/** The world of one council: its id and the principals who act in it. */
function world(councilId: number) {
  const s = server.services;
  const db = s.db;
  const mediator = principalFor(db, "mediator");
  const c = s.councils;
  const council = () => db.select().from(councils).where(eq(councils.id, councilId)).get()!;
  const items = () => db.select().from(councilItems).where(eq(councilItems.councilId, councilId)).orderBy(councilItems.position).all();
  const voters = () =>
    db
      .select({ participant: councilParticipants, username: users.username })
      .from(councilParticipants)
      .innerJoin(users, eq(users.id, councilParticipants.userId))
      .where(and(eq(councilParticipants.councilId, councilId), eq(councilParticipants.voting, true), isNotNull(councilParticipants.userId)))
      .all();
  const lastBallot = () => db.select().from(ballots).where(and(eq(ballots.scope, "council"), eq(ballots.scopeId, councilId))).orderBy(desc(ballots.id)).get();
  const resolutionOf = (itemId: number) => db.select().from(resolutions).where(eq(resolutions.itemId, itemId)).get();
  return { s, db, mediator, c, council, items, voters, lastBallot, resolutionOf };
}
type World = ReturnType<typeof world>;

/** One attempt; a refusal (DomainError) is a normal outcome, anything else is a defect. */
async function attempt(fn: () => unknown) {
  try {
    await fn();
  } catch (err) {
    if (!isDomainError(err)) throw err;
  }
}

const rules = (n: number) => ({ quorum: 3, secret: n % 3 === 0, tieRule: n % 2 ? ("chair_decides" as const) : ("revote" as const) });
const options = ["for", "against", "abstain"] as const;

/** The actions people may try, any time, in any order. */
const actions = (w: World): Record<string, (n: number) => unknown> => ({
  addItem: (n) =>
    w.c.lifecycle.addItem(w.mediator, {
      councilId: w.council().id,
      matter: { title: `增设议题 ${n}`, description: "", difficulty: "normal", source: "visit" },
      title: `增设议题 ${n}`,
      proposal: "由业委会牵头实施。",
      rules: rules(n),
    }),
  removeItem: (n) => {
    const item = w.items()[n % Math.max(1, w.items().length)];
    return item && w.c.lifecycle.removeItem(w.mediator, { councilId: w.council().id, itemId: item.id });
  },
  announce: (n) => w.c.lifecycle.announce(w.mediator, { councilId: w.council().id, ...(n % 2 ? { shortNoticeReason: "事关冬季供暖需尽快议定" } : {}) }),
  start: (n) => w.c.room.start(w.mediator, { councilId: w.council().id, ...(n % 2 ? { reason: "代表均已到场，同意提前开始" } : {}) }),
  checkIn: (n) => {
    const v = w.voters()[n % VOTERS];
    return v && w.c.room.checkIn(principalFor(w.db, v.username), w.council().id);
  },
  openItem: (n) => {
    const item = w.items()[n % Math.max(1, w.items().length)];
    return item && w.c.room.openItem(w.mediator, { councilId: w.council().id, itemId: item.id });
  },
  deferItem: () => {
    const id = w.council().currentItemId;
    return id && w.c.room.deferItem(w.mediator, { councilId: w.council().id, itemId: id });
  },
  opinion: (n) => w.c.room.postOpinion(w.mediator, { councilId: w.council().id, text: `意见 ${n}`, authorName: "居民" }),
  putToVote: () => {
    const id = w.council().currentItemId;
    return id && w.c.room.putToVote(w.mediator, { councilId: w.council().id, itemId: id });
  },
  vote: (n) => {
    const b = w.lastBallot();
    const v = w.voters()[n % VOTERS];
    return b && v && w.s.ballots.cast(principalFor(w.db, v.username), { ballotId: b.id, optionId: options[n % 3], key: randomBytes(16).toString("hex") });
  },
  closeBallot: () => {
    const b = w.lastBallot();
    return b && w.s.ballots.close(w.mediator, { ballotId: b.id });
  },
  resolveTie: (n) => {
    const id = w.council().currentItemId;
    return id && w.c.room.resolveTie(w.mediator, { councilId: w.council().id, itemId: id, optionId: n % 2 ? "for" : "against", reason: "主持人按议事规则决定" });
  },
  end: () => w.c.room.end(w.mediator, w.council().id),
  draftResolution: (n) => {
    const item = w.items().find((i) => i.outcome === "passed");
    return item && w.c.resolutions.draft(w.mediator, { councilId: w.council().id, itemId: item.id, text: `决议：按方案实施 ${n}`, responsible: "社区居委会", deadline: new Date(w.s.clock.now().getTime() + 30 * DAY) });
  },
  publishResolution: () => {
    const draft = w.items().map((i) => w.resolutionOf(i.id)).find((r) => r?.status === "draft");
    return draft && w.c.resolutions.publish(w.mediator, { resolutionId: draft.id });
  },
  cancel: () => w.c.lifecycle.cancel(w.mediator, { councilId: w.council().id, reason: "改日再议" }),
  passTime: () => server.clock.advance(DAY),
});

/** The chair alone: close a ballot left open, then end the session (or cancel before it starts). */
async function chairAlone(w: World) {
  const c = w.council();
  if (c.status === "live") {
    const open = w.lastBallot();
    if (open?.status === "open") w.s.ballots.close(w.mediator, { ballotId: open.id });
    const tied = w.items().find((i) => i.status === "voting");
    // A tie under the chair's rule is decided by the chair; under "revote" the item stays undecided.
    if (tied) await attempt(() => w.c.room.resolveTie(w.mediator, { councilId: c.id, itemId: tied.id, optionId: "against", reason: "主持人按议事规则决定" }));
    w.c.room.end(w.mediator, c.id);
  } else if (c.status === "draft" || c.status === "announced") w.c.lifecycle.cancel(w.mediator, { councilId: c.id, reason: "无法召开" });
  return w.council().status;
}

/**
 * The chair with everyone cooperating, never cancelling: one step at a time. Every representative
 * checks in and votes 同意, so each item passes; the chair then ends and publishes each resolution.
 */
async function cooperate(w: World, steps = 80) {
  for (let step = 0; step < steps; step++) {
    const c = w.council();
    const id = c.id;
    switch (c.status) {
      case "draft":
        // Every item removed: the way forward is to put one back on the agenda (announcing refuses, agenda_empty).
        if (w.items().length === 0) actions(w).addItem(step);
        else w.c.lifecycle.announce(w.mediator, { councilId: id, shortNoticeReason: "事关冬季供暖需尽快议定" });
        break;
      case "announced":
        w.c.room.start(w.mediator, { councilId: id, reason: "代表均已到场，同意提前开始" });
        break;
      case "live": {
        const absent = w.voters().filter((v) => !v.participant.checkedInAt);
        if (absent.length) {
          for (const v of absent) w.c.room.checkIn(principalFor(w.db, v.username), id);
          break;
        }
        const ballot = w.lastBallot();
        const current = w.items().find((i) => i.id === c.currentItemId);
        if (ballot?.status === "open") {
          for (const v of w.voters().filter((v) => ballot.eligible.includes(v.participant.userId!)))
            await attempt(() => w.s.ballots.cast(principalFor(w.db, v.username), { ballotId: ballot.id, optionId: "for", key: randomBytes(16).toString("hex") }));
          w.s.ballots.close(w.mediator, { ballotId: ballot.id });
        } else if (current && current.status === "voting") {
          // A tie: the chair's rule, or a new vote.
          if (current.ballotRules.tieRule === "chair_decides") w.c.room.resolveTie(w.mediator, { councilId: id, itemId: current.id, optionId: "for", reason: "主持人按议事规则决定" });
          else w.c.room.putToVote(w.mediator, { councilId: id, itemId: current.id });
        } else if (current && current.status === "open") w.c.room.putToVote(w.mediator, { councilId: id, itemId: current.id });
        else {
          const next = w.items().find((i) => i.status === "pending");
          if (next) w.c.room.openItem(w.mediator, { councilId: id, itemId: next.id });
          else w.c.room.end(w.mediator, id);
        }
        break;
      }
      case "resolved": {
        const passed = w.items().filter((i) => i.outcome === "passed");
        const unpublished = passed.find((i) => w.resolutionOf(i.id)?.status !== "notice" && w.resolutionOf(i.id)?.status !== "implementing");
        if (!unpublished) return "resolved";
        const r = w.resolutionOf(unpublished.id);
        if (!r) w.c.resolutions.draft(w.mediator, { councilId: id, itemId: unpublished.id, text: "决议：按方案实施。", responsible: "社区居委会", deadline: new Date(w.s.clock.now().getTime() + 30 * DAY) });
        else w.c.resolutions.publish(w.mediator, { resolutionId: r.id });
        break;
      }
      case "cancelled":
        return "cancelled";
    }
  }
  return w.council().status;
}

let made = 0;
/** A fresh council of five voting representatives with two agenda items. */
function newCouncil(): number {
  made += 1;
  const s = server.services;
  const db = s.db;
  const mediator = principalFor(db, "mediator");
  const communityId = mediator.user.unitIds[0];
  const reps = db
    .select({ id: representatives.id })
    .from(representatives)
    .where(and(eq(representatives.communityId, communityId), eq(representatives.status, "active"), isNotNull(representatives.userId)))
    .limit(VOTERS)
    .all();
  expect(reps, "the demo seed has representatives who can vote").toHaveLength(VOTERS);
  const c = s.councils.lifecycle.convene(mediator, {
    communityId,
    title: `供暖议事会 ${made}`,
    place: "和平社区党群服务中心",
    scheduledAt: new Date(s.clock.now().getTime() + 3 * DAY),
    representatives: reps.map((r) => ({ representativeId: r.id, voting: true })),
  });
  for (const n of [1, 2])
    s.councils.lifecycle.addItem(mediator, {
      councilId: c.id,
      matter: { title: `议题 ${made}-${n}`, description: "", difficulty: "normal", source: "visit" },
      title: `议题 ${made}-${n}`,
      proposal: "由物业公司负责实施，费用从维修基金列支。",
      rules: rules(made + n),
    });
  return c.id;
}

describe("a council has a way forward from every reachable state", () => {
  const names = Object.keys(actions({} as World));
  const command = fc.tuple(fc.constantFrom(...names), fc.nat(20));

  it("the chair reaches resolved (with the hall cooperating) or resolved/cancelled (alone) from any state", async () => {
    const seen = new Set<string>();
    await fc.assert(
      // A random way into the procedure (k cooperative steps), then random attempts by anyone.
      fc.asyncProperty(fc.nat(20), fc.array(command, { maxLength: 40 }), fc.boolean(), async (k, commands, alone) => {
        const w = world(newCouncil());
        const act = actions(w);
        await cooperate(w, k);
        for (const [name, n] of commands) await attempt(() => act[name](n));
        const c = w.council();
        seen.add(`${c.status}/${w.items().map((i) => i.status).join("+")}`);
        if (c.status === "cancelled") return;
        if (alone) {
          const end = await chairAlone(w);
          expect(["resolved", "cancelled"], `from ${c.status} the chair alone should finish`).toContain(end);
          return;
        }
        const end = await cooperate(w);
        // cooperate() answers "resolved" only once every passed item's resolution is published.
        expect(end, `from ${c.status} the chair with the hall should reach resolved and publish`).toBe("resolved");
        if (c.status !== "resolved") expect(w.items().every((i) => i.status === "decided"), "a session ended with the hall's help decided every item").toBe(true);
      }),
      {
        numRuns: 40,
        endOnFailure: true,
        // Found by a CI run (seed 1635687867): every item removed from a draft, then the hall cooperates.
        examples: [[0, [["removeItem", 12], ["openItem", 11], ["openItem", 3], ["resolveTie", 5], ["removeItem", 14], ["deferItem", 20], ["end", 18], ["publishResolution", 8], ["announce", 2]], false]],
      },
    );
    // The exploration reached into the live session, not only the notice.
    expect([...seen].some((s) => s.startsWith("live/")), `states seen: ${[...seen].join(", ")}`).toBe(true);
    expect([...seen].some((s) => s.includes("voting") || s.includes("decided")), `states seen: ${[...seen].join(", ")}`).toBe(true);
  }, 240_000);
});
