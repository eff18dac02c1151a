import { randomBytes } from "node:crypto";
import { deviceCommitment } from "../../server/hearings/draw-device";
import { eq } from "drizzle-orm";
import type { Principal } from "../../server/auth/principal";
import type { Services } from "../../server/services";
import type { Db } from "../connection";
import { representatives, users } from "../schema";
import { principalFor } from "./principals";

const DAY = 86_400_000;

/** A clock the seed can set, so a finished hearing's record carries plausible past times. */
export type SeedClock = { now(): Date; set(d: Date): void };

function partyPrincipal(hearingId: number, partyId: number, label: string): Principal {
  return { kind: "invitee", sessionId: "seed", invitee: { invitationId: "seed", purpose: "hearing_party", scopeId: hearingId, subjectId: partyId, label } };
}

/**
 * Two demo hearings in 和平社区: one held three weeks ago and published (so its record and draw can
 * be fetched and verified), and one announced for next week that a mediator can run live.
 */
export async function seedDemoHearings(db: Db, services: Services, clock: SeedClock): Promise<void> {
  const mediator = principalFor(db, "mediator");
  const communityId = mediator.user.unitIds[0];
  const { lifecycle, draw, room, rulings } = services.hearings;
  const realNow = Date.now();

  // The finished hearing: announced 21 days ago, held 13 days ago.
  const t0 = new Date(realNow - 21 * DAY);
  clock.set(t0);
  const held = new Date(realNow - 13 * DAY);
  held.setUTCHours(11, 0, 0, 0); // 19:00 in Beijing
  const past = lifecycle.convene(mediator, {
    communityId,
    matter: { title: "楼上漏水引发的维修费用纠纷", description: "3号楼 502 室卫生间渗水至 402 室，双方就维修费用分担多次协商未果。", scope: "private", difficulty: "hard", source: "visit" },
    title: "3号楼漏水维修费用分担评理",
    place: "和平社区党群服务中心二楼议事厅",
    scheduledAt: held,
    panelSize: 7,
    alternatesCount: 3,
    quotas: ["deputy", "professional", "elder", "resident"].map((feature) => ({ category: "category", feature, min: 1, max: 7 })),
    parties: [{ name: "王建华" }, { name: "赵丽娟" }],
  });
  lifecycle.announce(mediator, { hearingId: past.id });
  clock.set(new Date(held.getTime() - 30 * 60_000));
  await draw.open(mediator, { hearingId: past.id });
  const parties = lifecycle.parties(past.id);
  // Each party's device commits, then (once both have) reveals: draw protocol v2.
  const openingHash = draw.publicState(past.id)!.openingHash;
  const sides = [
    [partyPrincipal(past.id, parties[0].id, "甲方"), await deviceCommitment(openingHash, "4 2 6 1 3")],
    [partyPrincipal(past.id, parties[1].id, "乙方"), await deviceCommitment(openingHash, "平安是福")],
  ] as const;
  for (const [who, device] of sides) draw.commit(who, { hearingId: past.id, commitment: device.commitment });
  for (const [who, device] of sides) await draw.reveal(who, { hearingId: past.id, value: device.value, salt: device.salt });
  await draw.draw(mediator, past.id);
  // Neither party challenged: the mediator closes the challenge window before the start.
  services.hearings.challenges.closeWindow(mediator, { hearingId: past.id });
  clock.set(held);
  room.start(mediator, past.id);

  const jurorUsers = db
    .select({ username: users.username })
    .from(representatives)
    .innerJoin(users, eq(users.id, representatives.userId))
    .where(eq(representatives.communityId, communityId))
    .all()
    .map((r) => principalFor(db, r.username))
    .filter((p) => services.hearings.views.snapshot(p, past.id).role.kind === "juror");
  let minute = 0;
  const tick = () => clock.set(new Date(held.getTime() + ++minute * 60_000));
  for (const j of jurorUsers) {
    tick();
    room.checkIn(j, past.id);
  }
  const advance = (to: string) => {
    tick();
    room.advance(mediator, { hearingId: past.id, to: to as never });
  };
  advance("opening");
  tick();
  room.postStatement(mediator, { hearingId: past.id, text: "今天依据《评理大会实施方案》召开评理大会，请双方依次陈述，评理团现场投票。" });
  advance("statements");
  room.giveFloor(mediator, { hearingId: past.id, partyId: parties[0].id });
  room.timer(mediator, { hearingId: past.id, action: "start" });
  tick();
  tick();
  room.postStatement(partyPrincipal(past.id, parties[0].id, "甲方"), { hearingId: past.id, text: "我家卫生间去年做过防水，漏水是楼下自己水管的问题，不应由我承担全部费用。" });
  room.giveFloor(mediator, { hearingId: past.id, partyId: parties[1].id });
  room.timer(mediator, { hearingId: past.id, action: "start" });
  tick();
  tick();
  room.postStatement(partyPrincipal(past.id, parties[1].id, "乙方"), { hearingId: past.id, text: "物业检测报告显示渗水点在楼上卫生间下方，天花板已发霉，维修费约 3200 元。" });
  advance("evidence");
  advance("debate");
  advance("deliberation");
  advance("voting");
  tick();
  const ballot = services.ballots.open(mediator, {
    scope: "hearing",
    scopeId: past.id,
    itemId: null,
    question: "3号楼漏水维修费用应如何分担？",
    options: [
      { id: "party_a", label: "支持甲方" },
      { id: "party_b", label: "支持乙方" },
      { id: "both", label: "双方均有责任" },
    ],
    secret: true,
    quorum: 5,
    threshold: "majority_cast",
    passOptionId: null,
    tieRule: "revote",
    allowChange: false,
    timeLimitSeconds: null,
  });
  jurorUsers.forEach((j, i) => services.ballots.cast(j, { ballotId: ballot.id, optionId: i < 5 ? "both" : i === 5 ? "party_b" : "party_a", key: randomBytes(16).toString("hex") }));
  tick();
  services.ballots.close(mediator, { ballotId: ballot.id });
  advance("verdict");
  tick();
  rulings.record(mediator, {
    hearingId: past.id,
    reasons: "评理团以 5 票认定双方均有责任：渗水点位于楼上卫生间下方，但楼下管道老化也加重了损失。",
    saying: "维修费用 3200 元由双方各承担一半，楼上于两周内重做防水，社区网格员跟进回访。",
  });
  rulings.close(mediator, past.id);
  tick();
  rulings.publish(mediator, past.id);

  // The upcoming hearing, announced a day ago for next week.
  clock.set(new Date(realNow - DAY));
  const next = new Date(realNow + 8 * DAY);
  next.setUTCHours(11, 0, 0, 0);
  const upcoming = lifecycle.convene(mediator, {
    communityId,
    matter: { title: "车位占用纠纷", description: "5号楼前公共车位被长期堆放杂物，邻里多次争执。", scope: "private", difficulty: "normal", source: "hotline" },
    title: "5号楼前公共车位占用评理",
    place: "和平社区党群服务中心二楼议事厅",
    scheduledAt: next,
    panelSize: 7,
    alternatesCount: 3,
    quotas: ["deputy", "professional", "elder", "resident"].map((feature) => ({ category: "category", feature, min: 1, max: 7 })),
    parties: [{ name: "孙志强" }, { name: "周海燕" }],
  });
  lifecycle.announce(mediator, { hearingId: upcoming.id });
  clock.set(new Date(realNow));
}
