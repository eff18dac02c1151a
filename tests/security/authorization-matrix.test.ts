// Issue 15, "the authorization matrix lives in the tests": every socket command (from the server's
// registry) and every route (from app/routes on disk) × every kind of caller × the phases of a
// hearing. A refusal changes nothing; an authorised caller is never refused for who they are. A new
// command or route without its row here fails the first test of its section.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "../../db/schema";
import { commandNames, type CommandName } from "../../server/live/handlers";
import { projectRoot } from "../../server/paths";
import { hearingInCheckin, type DrivenHearing } from "../privacy/support";
import { cmd, consoleAction, conveneHearing, ok, partyCookie } from "../support/hearing-flow";
import { connected, connectSocket, login, type ClientSocket, type TestServer, startTestServer } from "../support/server";
import { stateFingerprint } from "./support";

// ── Callers ──────────────────────────────────────────────────────────────────────────────────────
const callerKinds = [
  "anonymous", // no cookie
  "expired", // a session that ended from inactivity
  "representative", // signed in, in the community, on no panel
  "juror", // on the panel of hearing H
  "partyH", // party of hearing H (invitation)
  "partyH2", // party of hearing H2 (another hearing)
  "mediator", // mediator of the hearing's community: the chair
  "mediator2", // mediator of another community
  "supervisor",
  "admin",
] as const;
type CallerKind = (typeof callerKinds)[number];

/** What a caller is to the thing a command targets, in one stage of the scenario. */
type Relation = "anyone" | "chair" | "party" | "juror" | "participant";

// ── Scenario stages: the hearing's phase is one dimension of each cell ──────────────────────────
type Stage = { name: string; hearingId: number; relations: Record<Exclude<Relation, "anyone">, CallerKind[]>; last: boolean };

type Ctx = { stage: Stage; ballotId: number; councilId: number; itemId: number; partyId: number; exhibitId: number; questionId: number; requestId: number };

type SocketRow = {
  who: Relation[];
  /** Succeeds for an authorised caller in a way that would end the scenario: the authorised cells are probed in the last stage. */
  destructive?: true;
  payload: (c: Ctx) => Record<string, unknown>;
};

const hid = (c: Ctx) => ({ hearingId: c.stage.hearingId });
const key = () => randomBytes(16).toString("hex");

/** Every socket command: who may send it (for the hearing, ballot or council it names), and a well-formed payload. */
const socketMatrix: Record<CommandName, SocketRow> = {
  "session:whoami": { who: ["anyone"], payload: () => ({}) },
  "ballot:open": {
    who: ["chair"],
    destructive: true,
    payload: (c) => ({ scope: "hearing", scopeId: c.stage.hearingId, question: "责任如何认定？", options: [{ id: "a", label: "甲" }, { id: "b", label: "乙" }], secret: true, quorum: 1, threshold: "majority_cast", tieRule: "revote" }),
  },
  "ballot:cast": { who: ["juror"], payload: (c) => ({ ballotId: c.ballotId, optionId: "a", key: key() }) },
  "ballot:close": { who: ["chair"], destructive: true, payload: (c) => ({ ballotId: c.ballotId }) },
  "ballot:resolve_tie": { who: ["chair"], payload: (c) => ({ ballotId: c.ballotId, optionId: "a", reason: "主持人决定" }) },
  "ballot:state": { who: ["anyone"], payload: (c) => ({ ballotId: c.ballotId }) },
  "ballot:receipts": { who: ["anyone"], payload: (c) => ({ ballotId: c.ballotId }) },
  "hearing:join": { who: ["anyone"], payload: hid },
  "hearing:snapshot": { who: ["anyone"], payload: hid },
  "hearing:announce": { who: ["chair"], payload: hid },
  "hearing:cancel": { who: ["chair"], destructive: true, payload: (c) => ({ ...hid(c), reason: "当事人已和解" }) },
  "draw:open": { who: ["chair"], destructive: true, payload: hid },
  "draw:commit": { who: ["party"], payload: (c) => ({ ...hid(c), commitment: randomBytes(32).toString("hex") }) },
  "draw:reveal": { who: ["party"], payload: (c) => ({ ...hid(c), value: "骰子 1 2 3", salt: randomBytes(32).toString("hex") }) },
  "draw:external": { who: ["chair"], payload: (c) => ({ ...hid(c), value: "123" }) },
  "draw:run": { who: ["chair"], destructive: true, payload: hid },
  "draw:challenge": { who: ["party"], payload: (c) => ({ ...hid(c), juror: "1", reason: "与对方是亲戚" }) },
  "hearing:challenge_waive": { who: ["party"], payload: hid },
  "hearing:challenge_decide": { who: ["chair"], payload: (c) => ({ ...hid(c), requestId: c.requestId, grant: false, reason: "理由不成立" }) },
  "hearing:challenge_close": { who: ["chair"], destructive: true, payload: hid },
  "hearing:start": { who: ["chair"], destructive: true, payload: (c) => ({ ...hid(c), reason: "双方同意提前开始" }) },
  "hearing:seat_alternate": { who: ["chair"], destructive: true, payload: hid },
  "hearing:adjourn": {
    who: ["chair"],
    destructive: true,
    payload: (c) => ({ ...hid(c), scheduledAt: new Date(Date.now() + 9 * 86_400_000).toISOString(), place: "社区会议室", reason: "评理员人数不足" }),
  },
  "hearing:return_to_voting": { who: ["chair"], destructive: true, payload: (c) => ({ ...hid(c), reason: "重新表决" }) },
  "hearing:runoff": { who: ["chair"], destructive: true, payload: hid },
  "hearing:rate": { who: ["party"], payload: (c) => ({ ...hid(c), rating: "satisfied" }) },
  "hearing:advance": { who: ["chair"], destructive: true, payload: (c) => ({ ...hid(c), to: "opening" }) },
  "hearing:checkin": { who: ["juror"], payload: hid },
  "hearing:floor": { who: ["chair"], payload: (c) => ({ ...hid(c), partyId: c.partyId }) },
  "hearing:timer": { who: ["chair"], payload: (c) => ({ ...hid(c), action: "pause" }) },
  "hearing:statement": { who: ["party", "chair"], payload: (c) => ({ ...hid(c), text: "我方陈述。" }) },
  "hearing:question": { who: ["juror"], payload: (c) => ({ ...hid(c), text: "请问漏水从何时开始？" }) },
  "hearing:put_question": { who: ["chair"], payload: (c) => ({ ...hid(c), questionId: c.questionId, partyId: null, dismiss: true }) },
  "hearing:deliberate": { who: ["juror", "chair"], payload: (c) => ({ ...hid(c), text: "我认为双方都有责任。" }) },
  "exhibit:rule": { who: ["chair"], payload: (c) => ({ ...hid(c), exhibitId: c.exhibitId, decision: "admit" }) },
  "exhibit:show": { who: ["chair"], payload: (c) => ({ ...hid(c), exhibitId: null }) },
  "exhibit:opinion": { who: ["party"], payload: (c) => ({ ...hid(c), exhibitId: c.exhibitId, text: "这张照片不是我家的。" }) },
  "hearing:ruling": { who: ["chair"], payload: (c) => ({ ...hid(c), reasons: "评理团多数认为如此。", saying: "双方各担一半。" }) },
  "hearing:close": { who: ["chair"], destructive: true, payload: hid },
  "hearing:publish": { who: ["chair"], destructive: true, payload: hid },
  "council:join": { who: ["anyone"], payload: (c) => ({ councilId: c.councilId }) },
  "council:snapshot": { who: ["anyone"], payload: (c) => ({ councilId: c.councilId }) },
  "council:start": { who: ["chair"], destructive: true, payload: (c) => ({ councilId: c.councilId, reason: "参会人员已到齐" }) },
  "council:checkin": { who: ["participant"], payload: (c) => ({ councilId: c.councilId }) },
  "council:open_item": { who: ["chair"], destructive: true, payload: (c) => ({ councilId: c.councilId, itemId: c.itemId }) },
  "council:defer_item": { who: ["chair"], destructive: true, payload: (c) => ({ councilId: c.councilId, itemId: c.itemId }) },
  "council:opinion": { who: ["participant", "chair"], payload: (c) => ({ councilId: c.councilId, text: "我同意这个方案。" }) },
  "council:vote": { who: ["chair"], destructive: true, payload: (c) => ({ councilId: c.councilId, itemId: c.itemId }) },
  "council:resolve_tie": { who: ["chair"], payload: (c) => ({ councilId: c.councilId, itemId: c.itemId, optionId: "for", reason: "主持人决定" }) },
  "council:end": { who: ["chair"], destructive: true, payload: (c) => ({ councilId: c.councilId }) },
};

/** Codes that say "not you": an authorised caller must never get one of these. */
const refusedForWho = new Set(["forbidden", "unauthenticated", "not_found", "hearing_not_found", "council_not_found", "not_a_juror", "not_a_contributor", "session_ended", "not_eligible"]);

let server: TestServer;
let h: DrivenHearing;
let cookies: Record<CallerKind, string | undefined>;
let participants: CallerKind[];
const ctx = { ballotId: 0, councilId: 0, itemId: 0, partyId: 0, exhibitId: 1, questionId: 1, requestId: 1 };
let hearing2 = 0;

beforeAll(async () => {
  server = await startTestServer({ env: { BUDGET_SESSION_RATE: "10000", BUDGET_SESSION_BURST: "100000", BUDGET_ANONYMOUS_RATE: "10000", BUDGET_ANONYMOUS_BURST: "100000" } });
  h = await hearingInCheckin(server);
  // H2: another hearing of the same community, announced, with a party of its own.
  hearing2 = await conveneHearing(server, h.mediatorCookie);
  if ((await consoleAction(server, h.mediatorCookie, hearing2, { intent: "announce" })).status !== 200) throw new Error("announce H2 failed");
  const h2Parties = (await ok<{ snapshot: { parties: { id: number }[] } }>(h.mediator, "hearing:join", { hearingId: hearing2 })).snapshot.parties;
  const sqlite = server.services.db.$client;
  const jurorNames = new Set(h.jurors.map((j) => j.username));
  const offPanel = (sqlite.prepare("select u.username from users u join representatives r on r.user_id = u.id order by u.id").all() as { username: string }[]).find((r) => !jurorNames.has(r.username))!.username;
  const expired = await login(server, offPanel);
  server.services.db.update(sessions).set({ lastVerifiedAt: new Date(Date.now() - 60 * 86_400_000) }).where(eq(sessions.id, expired.split("=")[1].split(".")[0])).run();
  cookies = {
    anonymous: undefined,
    expired,
    representative: await login(server, offPanel),
    juror: h.jurors[0].cookie,
    partyH: h.parties[0].cookie,
    partyH2: await partyCookie(server, h.mediatorCookie, hearing2, h2Parties[0].id),
    mediator: h.mediatorCookie,
    mediator2: await login(server, "mediator2"),
    supervisor: await login(server, "supervisor"),
    admin: await login(server, "admin"),
  };
  // The council: the first one of the mediator's community that is not over, with an item.
  const council = sqlite.prepare("select c.id, c.status from councils c where c.status in ('announced', 'live') order by c.id").get() as { id: number; status: string } | undefined;
  const anyCouncil = council ?? (sqlite.prepare("select id, status from councils order by id").get() as { id: number; status: string });
  ctx.councilId = anyCouncil.id;
  ctx.itemId = (sqlite.prepare("select id from council_items where council_id = ? order by id").get(ctx.councilId) as { id: number }).id;
  const participantUsers = new Set((sqlite.prepare("select u.username from council_participants p join users u on u.id = p.user_id where p.council_id = ?").all(ctx.councilId) as { username: string }[]).map((r) => r.username));
  participants = [];
  for (const kind of callerKinds) {
    if (!cookies[kind]) continue;
    const who = await cmd<{ kind: string; username?: string }>(await socketAs(kind), "session:whoami", {});
    if (who.ok && who.data.username && participantUsers.has(who.data.username)) participants.push(kind);
  }
  ctx.partyId = (await h.state(h.mediator)).parties[0].id;
}, 300_000);
afterAll(async () => {
  for (const s of open) s.disconnect();
  h?.close();
  await server?.close();
});

const open: ClientSocket[] = [];
async function socketAs(kind: CallerKind): Promise<ClientSocket> {
  const s = connectSocket(server, { cookie: cookies[kind], origin: server.url });
  open.push(s);
  await connected(s);
  return s;
}
const totalChanges = () => (server.services.db.$client.prepare("select total_changes() as n").get() as { n: number }).n;

function stages(): Stage[] {
  const onH = { chair: ["mediator"], party: ["partyH"], juror: ["juror"], participant: participants } satisfies Stage["relations"];
  return [
    { name: "H live, check-in", hearingId: h.hearingId, relations: onH, last: false },
    { name: "H live, voting with an open ballot", hearingId: h.hearingId, relations: onH, last: false },
    // Last: the authorised cells of destructive commands are probed here (H2 may end cancelled).
    { name: "H2 announced", hearingId: hearing2, relations: { chair: ["mediator"], party: ["partyH2"], juror: [], participant: participants }, last: true },
  ];
}

function allowed(row: SocketRow, stage: Stage, kind: CallerKind): boolean {
  return row.who.some((r) => r === "anyone" || stage.relations[r].includes(kind));
}

// ── Routes ───────────────────────────────────────────────────────────────────────────────────────
/** Every route module under app/routes, as Remix's flat-file convention names it. */
const routeFiles = () =>
  fs
    .readdirSync(path.join(projectRoot, "app", "routes"))
    .filter((f) => /\.(tsx?|jsx?)$/.test(f))
    .map((f) => f.replace(/\.(tsx?|jsx?)$/, ""))
    .sort();

/** The URL of a route module, with its parameters filled from the scenario. */
function urlOf(route: string, p: Record<string, string>): string {
  const segments = route.split(/\.(?![^[]*\])/).filter((s) => s !== "_index");
  const filled = segments.map((s, i) => {
    const literal = s.replace(/\[(.*?)\]/g, "$1");
    if (!literal.startsWith("$")) return literal;
    const scoped = `${segments.slice(0, i).join(".")}.${literal}`;
    return p[scoped] ?? p[literal] ?? "1";
  });
  return "/" + filled.join("/");
}

let routeParams: Record<string, string> = {};
beforeAll(() => {
  const sqlite = server.services.db.$client;
  const first = (sql: string) => String(Object.values((sqlite.prepare(sql).get() as Record<string, unknown>) ?? { x: "1" })[0]);
  routeParams = {
    "hearings.$id": String(h.hearingId),
    "manage.hearings.$id": String(h.hearingId),
    "councils.$id": String(ctx.councilId),
    "manage.councils.$id": String(ctx.councilId),
    "manage.matters.$id": first("select id from matters order by id"),
    "manage.pool.$id": first("select id from representatives order by id"),
    "resolutions.$id": first("select id from resolutions where published_at is not null order by id"),
    "communities.$id": first("select id from units where kind = 'community' order by id"),
    "hearings.$id.exhibits.$sha": first("select sha256 from exhibits order by id"),
    "resolutions.$id.photos.$sha": "0".repeat(64),
    $token: "aaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaa",
    $community: first("select id from units where kind = 'community' order by id"),
    $period: new Date().toISOString().slice(0, 7),
  };
});

/**
 * GET status of every route for each kind of caller, in the order of `callerKinds`:
 * anonymous, expired, representative, juror, partyH, partyH2, mediator, mediator2, supervisor, admin.
 * 200 shown; 302 sent to sign in (or onwards); 403 refused; 404 not there or not shown to this caller.
 * Hearing routes name H (live, at check-in), council routes a council of the mediator's community.
 */
const routeMatrix: Record<string, number[]> = {
  "_index": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "activate._index": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "admin": [302, 302, 403, 403, 302, 302, 403, 403, 403, 200],
  "admin._index": [302, 302, 403, 403, 302, 302, 403, 403, 403, 200],
  "admin.audit": [302, 302, 403, 403, 302, 302, 403, 403, 403, 200],
  "admin.audit[.]csv": [302, 302, 403, 403, 302, 302, 403, 403, 403, 200],
  "admin.units": [302, 302, 403, 403, 302, 302, 403, 403, 403, 200],
  "admin.users.$id": [302, 302, 403, 403, 302, 302, 403, 403, 403, 200],
  "manage.pool.slips": [302, 302, 403, 403, 302, 302, 200, 200, 403, 403],
  "me._index": [302, 302, 200, 200, 302, 302, 200, 200, 200, 200],
  "me.password": [302, 302, 200, 200, 302, 302, 200, 200, 200, 200],
  "me.sessions": [302, 302, 200, 200, 302, 302, 200, 200, 200, 200],
  "set-password.$token": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "activate.$token": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "atom[.]xml": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "comments": [302, 302, 302, 302, 302, 302, 302, 302, 302, 302],
  "communities.$id.atom[.]xml": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "councils.$id._index": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "councils.$id.guest": [403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  "councils.$id.live": [302, 302, 200, 302, 302, 302, 302, 302, 302, 302],
  "councils.$id.record[.]json": [404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  "councils.$id.screen": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "councils._index": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "hearings.$id._index": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "hearings.$id.draw-receipt": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "hearings.$id.draw[.]json": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "hearings.$id.evidence": [404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  "hearings.$id.exhibits.$sha": [404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  "hearings.$id.juror": [302, 302, 403, 200, 302, 302, 403, 403, 403, 403],
  "hearings.$id.party": [403, 403, 403, 403, 200, 403, 403, 403, 403, 403],
  "hearings.$id.record[.]json": [404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  "hearings.$id.screen": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "hearings._index": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "invite.$token": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "login": [200, 200, 302, 302, 200, 200, 302, 302, 302, 302],
  "logout": [302, 302, 302, 302, 302, 302, 302, 302, 302, 302],
  "manage.comments": [302, 302, 403, 403, 302, 302, 200, 200, 403, 403],
  "manage.councils.$id": [302, 302, 403, 403, 302, 302, 200, 403, 403, 403],
  "manage.councils._index": [302, 302, 403, 403, 302, 302, 200, 200, 403, 403],
  "manage.councils.new": [302, 302, 403, 403, 302, 302, 200, 200, 403, 403],
  "manage.hearings.$id": [302, 302, 403, 403, 302, 302, 200, 403, 403, 403],
  "manage.hearings._index": [302, 302, 403, 403, 302, 302, 200, 200, 403, 403],
  "manage.hearings.new": [302, 302, 403, 403, 302, 302, 200, 200, 403, 403],
  "manage.matters.$id": [302, 302, 403, 403, 302, 302, 200, 403, 403, 403],
  "manage.matters._index": [302, 302, 403, 403, 302, 302, 200, 200, 403, 403],
  "manage.matters[.]csv": [302, 302, 403, 403, 302, 302, 200, 200, 403, 403],
  "manage.pool.$id": [302, 302, 403, 403, 302, 302, 200, 403, 403, 403],
  "manage.pool._index": [302, 302, 403, 403, 302, 302, 200, 200, 403, 403],
  "manage.pool.features": [302, 302, 403, 403, 302, 302, 200, 200, 403, 403],
  "manage.pool.import": [302, 302, 403, 403, 302, 302, 200, 200, 403, 403],
  "manage.pool.new": [302, 302, 403, 403, 302, 302, 200, 200, 403, 403],
  "manage.pool[.]csv": [302, 302, 403, 403, 302, 302, 200, 200, 403, 403],
  "preferences": [302, 302, 302, 302, 302, 302, 302, 302, 302, 302],
  "reports.$community.$period": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "reports._index": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "resolutions.$id": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "resolutions.$id.photos.$sha": [404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  "resolutions._index": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "rss[.]xml": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "rulings._index": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "search": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "setup.$token": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "stats": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  "verify": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
};

/**
 * The council's live page is for its participants: whether the drawn juror (or the representative)
 * is one depends on the draw, so their cell follows the participant list found at set-up.
 */
function expectedStatus(route: string, kind: CallerKind, row: number): number {
  if (route === "councils.$id.live" && (kind === "juror" || kind === "representative")) return participants.includes(kind) ? 200 : 302;
  return row;
}

/** Routes whose POST ends the caller's session: probed with GET only, so the other probes keep their callers. */
const getOnly = new Set(["logout"]);

describe("the route authorization matrix", () => {
  it("has a row for every route module in app/routes, and no row for a module that is not there", () => {
    expect(Object.keys(routeMatrix).sort()).toEqual(routeFiles());
  });

  it("answers every caller with the status of its row, never a 500", { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    for (const route of routeFiles()) {
      const url = urlOf(route, routeParams);
      for (const [i, kind] of callerKinds.entries()) {
        const res = await fetch(server.url + url, { redirect: "manual", headers: cookies[kind] ? { cookie: cookies[kind]! } : {} });
        await res.arrayBuffer();
        const expected = expectedStatus(route, kind, routeMatrix[route][i]);
        if (res.status !== expected) failures.push(`${kind} GET ${url} (${route}): ${res.status}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("a form POST to any route with an action, from any caller, never gives a 500, and where the caller may not see the page it changes nothing", { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    const withAction = routeFiles().filter((r) => !getOnly.has(r) && /export (async )?function action|export const action/.test(fs.readFileSync(path.join(projectRoot, "app", "routes", `${r}.tsx`), "utf8")));
    expect(withAction.length).toBeGreaterThan(10);
    // What a refused caller might try: the console's most consequential intents, and an empty form.
    const forms: Record<string, string>[] = [{}, { intent: "cancel", reason: "当事人已和解" }, { intent: "announce" }, { intent: "publish" }, { intent: "delete" }];
    for (const route of withAction) {
      const url = urlOf(route, routeParams);
      for (const [i, kind] of callerKinds.entries()) {
        const mayNotSee = routeMatrix[route][i] !== 200;
        // A caller who may use the page gets only the empty form: its real intents would end the scenario.
        for (const form of mayNotSee ? forms : [{}]) {
          const changes = totalChanges();
          const before = stateFingerprint(server);
          const res = await fetch(server.url + url, {
            method: "POST",
            redirect: "manual",
            headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url, ...(cookies[kind] ? { cookie: cookies[kind]! } : {}) },
            body: new URLSearchParams(form).toString(),
          });
          await res.arrayBuffer();
          if (res.status >= 500) failures.push(`${kind} POST ${url} ${JSON.stringify(form)}: ${res.status}`);
          if (mayNotSee && totalChanges() !== changes && stateFingerprint(server) !== before) failures.push(`${kind} POST ${url} ${JSON.stringify(form)}: ${res.status}, and the database changed`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("the socket authorization matrix", () => {
  it("has a row for every command in the server's registry, and no row for a command it does not have", () => {
    expect(Object.keys(socketMatrix).sort()).toEqual([...commandNames].sort());
  });

  it("refuses every caller outside a command's row without changing anything, and never refuses one inside it for who they are", { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    let cells = 0;
    for (const stage of stages()) {
      if (stage.name.includes("voting")) {
        for (const to of ["opening", "statements", "evidence", "debate", "deliberation", "voting"]) await h.advance(to);
        ctx.ballotId = (
          await ok<{ id: number }>(h.mediator, "ballot:open", socketMatrix["ballot:open"].payload({ ...ctx, stage }))
        ).id;
      }
      const sockets = Object.fromEntries(await Promise.all(callerKinds.map(async (k) => [k, await socketAs(k)] as const))) as Record<CallerKind, ClientSocket>;
      const sent = Object.fromEntries(callerKinds.map((k) => [k, 0])) as Record<CallerKind, number>;
      for (const event of commandNames) {
        const row = socketMatrix[event];
        // Callers outside the row first, so an authorised success cannot hide a refusal's effect.
        const order = [...callerKinds].sort((a, b) => Number(allowed(row, stage, a)) - Number(allowed(row, stage, b)));
        for (const kind of order) {
          const may = allowed(row, stage, kind);
          if (may && row.destructive && !stage.last) continue;
          cells++;
          const cell = `[${stage.name}] ${kind} → ${event}`;
          // A fresh socket within one socket's burst (40): the throttle never answers in the service's place.
          if (!sockets[kind].connected || ++sent[kind] % 30 === 0) {
            sockets[kind].disconnect();
            sockets[kind] = await socketAs(kind);
          }
          const socket = sockets[kind];
          const before = stateFingerprint(server);
          const changes = totalChanges();
          const ack = await cmd(socket, event, row.payload({ ...ctx, stage }));
          if (!ack.ok && (ack.error.code === "internal" || ack.error.code === "rate_limited")) failures.push(`${cell}: ${ack.error.code}`);
          if (!may) {
            if (ack.ok) failures.push(`${cell}: accepted`);
            else if (totalChanges() !== changes && stateFingerprint(server) !== before) failures.push(`${cell}: refused (${ack.error.code}) but the database changed`);
          } else if (!ack.ok && refusedForWho.has(ack.error.code)) failures.push(`${cell}: refused as ${ack.error.code}`);
        }
      }
      for (const s of Object.values(sockets)) s.disconnect();
    }
    expect(failures).toEqual([]);
    expect(cells).toBeGreaterThan(commandNames.length * callerKinds.length * 2);
  });
});

