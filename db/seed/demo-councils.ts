import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Principal } from "../../server/auth/principal";
import type { Services } from "../../server/services";
import type { Db } from "../connection";
import { representatives } from "../schema";
import type { SeedClock } from "./demo-hearings";
import { principalFor } from "./principals";

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** 19:00 in Beijing, `days` from now (negative: in the past). */
function evening(realNow: number, days: number): Date {
  const d = new Date(realNow + days * DAY);
  d.setUTCHours(11, 0, 0, 0);
  return d;
}

/**
 * The councils of the demo, in 和平社区, told as a community's story over two months:
 * - the matters ledger with shared, public and private matters from several channels;
 * - a council 40 days ago: bringing in a property company fails (40%), repairing the estate road
 *   passes; the road's resolution was published, its notice ran out, and the supervision committee
 *   has reported progress — it is under implementation now;
 * - a council 20 days ago takes the property company up again: it passes (80%), and its resolution is
 *   under implementation too (the matter's page shows both rounds);
 * - a council announced for next week, which a newcomer can run live from the console.
 * Everything goes through the services with the demo users' principals, so the ledger is real.
 */
export async function seedDemoCouncils(db: Db, services: Services, clock: SeedClock): Promise<void> {
  // One transaction around the whole story: the services' own transactions become savepoints, and the
  // database syncs to disk once instead of after each of ~150 writes (synchronous=FULL), which keeps
  // the first start fast.
  db.transaction(() => seedCouncils(db, services, clock));
}

function seedCouncils(db: Db, services: Services, clock: SeedClock): void {
  const mediator = principalFor(db, "mediator");
  const supervisor = principalFor(db, "supervisor");
  const communityId = mediator.user.unitIds[0];
  const grids = services.units.byKind("grid").filter((g) => g.parentId === communityId);
  const { lifecycle, room, resolutions, implementation } = services.councils;
  const realNow = Date.now();
  const reps = Array.from({ length: 12 }, (_, i) => principalFor(db, `rep${String(i + 1).padStart(2, "0")}`));
  const repIds = reps.map((p) => ({ id: db.select({ id: representatives.id }).from(representatives).where(eq(representatives.userId, p.user.id)).get()!.id }));

  // The ledger, two months back.
  clock.set(new Date(realNow - 60 * DAY));
  const matter = (title: string, description: string, scope: "public" | "shared" | "private", difficulty: "normal" | "hard" | "severe", source: "hotline" | "petition" | "visit" | "suggestion_box" | "online" | "letter_phone", daysAgo: number, reporterName: string | null, grid = 0) =>
    services.matters.create(mediator, { communityId, gridId: grids[grid]?.id ?? null, title, description, scope, difficulty, source, reporterName, reportedAt: new Date(realNow - daysAgo * DAY) });
  const property = matter("2号院引入物业服务", "2号院为老旧小区，长期无物业管理，环境卫生和安全问题突出，居民对是否引入物业意见不一。", "shared", "hard", "visit", 62, "2号院居民联名", 0);
  const road = matter("小区主干道坑洼修缮", "主干道多处坑洼积水，老人出行不便，雨天尤甚。", "shared", "normal", "suggestion_box", 58, "李桂兰", 1);
  const corridors = matter("楼道堆物清理与消防通道整治", "3号楼、4号楼楼道长期堆放杂物，占用消防通道。", "shared", "normal", "online", 12, "网格员巡查", 1);
  matter("背街小巷路灯维修", "幸福路北侧背街小巷三盏路灯损坏。", "public", "normal", "hotline", 20, "刘国庆", 0);
  matter("楼上装修噪声扰民", "5号楼 301 室装修期间夜间施工。", "private", "normal", "letter_phone", 9, "赵淑珍", 1);

  const vote = (ballotId: number, choices: ("for" | "against" | "abstain")[]) =>
    choices.forEach((optionId, i) => services.ballots.cast(reps[i], { ballotId, optionId, key: randomBytes(16).toString("hex") }));
  let minute = 0;
  const tick = (base: Date) => clock.set(new Date(base.getTime() + ++minute * 60_000));
  const runItem = (councilId: number, itemId: number, held: Date, opinions: [Principal, string][], choices: ("for" | "against" | "abstain")[]) => {
    tick(held);
    room.openItem(mediator, { councilId, itemId });
    for (const [who, text] of opinions) {
      tick(held);
      room.postOpinion(who, { councilId, text });
    }
    tick(held);
    const ballot = room.putToVote(mediator, { councilId, itemId });
    tick(held);
    vote(ballot.id, choices);
    tick(held);
    services.ballots.close(mediator, { ballotId: ballot.id });
  };
  const hold = (councilId: number, held: Date, voters: Principal[]) => {
    minute = 0;
    clock.set(held);
    room.start(mediator, councilId);
    for (const v of voters) {
      tick(held);
      room.checkIn(v, councilId);
    }
  };

  // First council: announced 50 days ago, held 40 days ago.
  clock.set(new Date(realNow - 50 * DAY));
  const held1 = evening(realNow, -40);
  const first = lifecycle.convene(mediator, {
    communityId,
    title: "和平社区2号院民事民议议事会",
    place: "和平社区党群服务中心一楼议事厅",
    scheduledAt: held1,
    representatives: repIds.slice(0, 10).map((r) => ({ representativeId: r.id, voting: true })),
  });
  const majority = { secret: false, threshold: "majority_cast" as const, quorum: 6, tieRule: "revote" as const, allowChange: false };
  const p1 = lifecycle.addItem(mediator, { councilId: first.id, matterId: property.id, title: "2号院引入物业服务", proposal: "通过公开招标引入物业服务企业，物业费每月每平方米 0.9 元，首年由社区补贴 20%。", rules: majority });
  const r1 = lifecycle.addItem(mediator, { councilId: first.id, matterId: road.id, title: "小区主干道坑洼修缮", proposal: "使用社区公益金修缮主干道 320 米，施工期间分段通行。", rules: majority });
  lifecycle.addGuest(mediator, { councilId: first.id, name: "幸福物业公司 王经理" });
  lifecycle.announce(mediator, { councilId: first.id });
  hold(first.id, held1, reps.slice(0, 10));
  runItem(first.id, p1.id, held1, [[reps[0], "物业费能接受，但要先看服务标准。"], [reps[3], "老人多，担心收费后没人管。"]], ["for", "for", "for", "for", "against", "against", "against", "against", "against", "against"]);
  runItem(first.id, r1.id, held1, [[reps[1], "雨天积水最严重的是 2 号楼门口，请优先修。"]], ["for", "for", "for", "for", "for", "for", "for", "for", "for", "abstain"]);
  tick(held1);
  room.end(mediator, first.id);

  clock.set(new Date(held1.getTime() + DAY));
  resolutions.draft(mediator, {
    councilId: first.id,
    itemId: r1.id,
    text: "使用社区公益金修缮小区主干道 320 米，优先修缮 2 号楼门口积水路段；施工期间分段通行，完工后由居务监督委员会组织验收。",
    responsible: "和平社区居委会",
    deadline: new Date(realNow + 20 * DAY),
  });
  const roadResolution = resolutions.forItem(r1.id)!;
  resolutions.publish(mediator, { resolutionId: roadResolution.id });
  clock.set(new Date(held1.getTime() + 10 * DAY));
  implementation.postProgress(supervisor, { resolutionId: roadResolution.id, status: "planned", note: "已确定施工单位，计划下月初开工，施工方案已在公告栏张贴。" });
  clock.set(new Date(realNow - 5 * DAY));
  implementation.postProgress(supervisor, { resolutionId: roadResolution.id, status: "in_progress", note: "2 号楼门口路段已完工，其余路段施工中，预计两周内完成。" });

  // Second council, 20 days ago: the property company again, after the residents' questions were answered.
  clock.set(new Date(realNow - 30 * DAY));
  const held2 = evening(realNow, -20);
  const second = lifecycle.convene(mediator, {
    communityId,
    title: "2号院引入物业服务再议",
    place: "和平社区党群服务中心一楼议事厅",
    scheduledAt: held2,
    representatives: repIds.slice(0, 10).map((r) => ({ representativeId: r.id, voting: true })),
  });
  const p2 = lifecycle.addItem(mediator, { councilId: second.id, matterId: property.id, title: "2号院引入物业服务（再议）", proposal: "引入幸福物业公司，物业费每月每平方米 0.9 元，设三个月试用期，每季度公示收支。", rules: majority });
  const guest2 = lifecycle.addGuest(mediator, { councilId: second.id, name: "幸福物业公司 王经理" });
  lifecycle.announce(mediator, { councilId: second.id });
  hold(second.id, held2, reps.slice(0, 10));
  room.checkIn({ kind: "invitee", sessionId: "seed", invitee: { invitationId: "seed", purpose: "council_guest", scopeId: second.id, subjectId: guest2.id, label: guest2.name } }, second.id);
  runItem(second.id, p2.id, held2, [[reps[3], "有试用期和收支公示，我同意。"]], ["for", "for", "for", "for", "for", "for", "for", "for", "against", "against"]);
  tick(held2);
  room.end(mediator, second.id);
  clock.set(new Date(held2.getTime() + 12 * HOUR));
  resolutions.draft(mediator, {
    councilId: second.id,
    itemId: p2.id,
    text: "引入幸福物业公司为 2 号院提供物业服务，物业费每月每平方米 0.9 元，试用期三个月，每季度公示收支；试用期满由议事会评议是否续约。",
    responsible: "和平社区居委会、幸福物业公司",
    deadline: new Date(realNow + 40 * DAY),
  });
  const propertyResolution = resolutions.forItem(p2.id)!;
  resolutions.publish(mediator, { resolutionId: propertyResolution.id });
  clock.set(new Date(realNow - 2 * DAY));
  implementation.postProgress(supervisor, { resolutionId: propertyResolution.id, status: "in_progress", note: "物业公司已进场，保洁、门岗到位；监委会每周抽查一次。" });

  // Next week's council, announced yesterday: ready to be run live from the console.
  clock.set(new Date(realNow - DAY));
  const upcoming = lifecycle.convene(mediator, {
    communityId,
    title: "楼道堆物清理议事会",
    place: "和平社区党群服务中心一楼议事厅",
    scheduledAt: evening(realNow, 8),
    representatives: repIds.slice(0, 12).map((r, i) => ({ representativeId: r.id, voting: i < 10 })),
  });
  lifecycle.addItem(mediator, {
    councilId: upcoming.id,
    matterId: corridors.id,
    title: "楼道堆物清理与消防通道整治",
    proposal: "两周内由各楼栋长组织清理楼道堆物，逾期未清理的由社区统一清运；清理后每月巡查一次。",
    // A quorum of two, so that a newcomer can try it with two representatives' phones (two browser tabs).
    rules: { ...majority, quorum: 2 },
  });
  lifecycle.addGuest(mediator, { councilId: upcoming.id, name: "业委会 张主任" });
  lifecycle.announce(mediator, { councilId: upcoming.id });
  clock.set(new Date(realNow));
}
