import { and, desc, eq, inArray, isNotNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { ballots as ballotsTable, councilItems, councilOpinions, councilParticipants, councils } from "../../db/schema";
import type { Principal } from "../auth/principal";
import type { BallotService } from "../ballots/service";
import type { BallotResult } from "../ballots/result";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import { publicText, recordedText } from "../privacy/public-text";
import type { Actor, LedgerService } from "../ledger/ledger";
import type { LiveHub } from "../live/hub";
import type { MatterService } from "../matters/matters";
import { councilRoom, loadCouncil, loadItem, mediatorActor, participantActor, requireChair, requireParticipant, roleIn, type Council } from "./access";
import type { createCouncilBallotPolicy, VoteGate } from "./ballot-policy";
import { earlyStartReasonFor } from "../notice/start-rule";
import { participantPublicName } from "./public-name";
import { COUNCIL_OPTIONS, PASS_OPTION_ID, publicGuestName } from "./rules";

const id = z.number().int().positive();
export const CouncilRef = z.object({ councilId: id }).strict();
/** `reason`: why the chair starts earlier than the notice said (server/notice/start-rule.ts). */
export const StartCouncilInput = z.object({ councilId: id, reason: z.string().trim().max(500).optional() }).strict();
export const ItemCommand = z.object({ councilId: id, itemId: id }).strict();
export const OpinionInput = z
  .object({
    councilId: id,
    text: z.string().trim().min(1).max(2000),
    /** Chair only: record a spoken opinion on a participant's behalf … */
    participantId: id.optional(),
    /** … or on behalf of someone not on the list (a resident speaking from the floor). */
    authorName: z.string().trim().min(1).max(60).optional(),
  })
  .strict();
export const ResolveTieInput = z
  .object({ councilId: id, itemId: id, optionId: z.enum(["for", "against"]), reason: z.string().trim().min(2).max(1000) })
  .strict();

type Deps = {
  db: Db;
  clock: Clock;
  ledger: LedgerService;
  live: LiveHub;
  matters: MatterService;
  ballots: Pick<BallotService, "open" | "resolveTie">;
  gate: VoteGate;
  policy: ReturnType<typeof createCouncilBallotPolicy>;
};

/**
 * The live council, item by item: start, check-in, open an item, the discussion thread (written
 * opinions and the chair's record of spoken ones), the vote through the ballot engine, a tie settled
 * by the chair, deferring an item, ending the council. Every change is one transaction with its
 * ledger entry, then a broadcast to the council's room.
 */
export function createCouncilRoom({ db, clock, ledger, live, matters, ballots, gate, policy }: Deps) {
  function requireLive(c: Council) {
    if (c.status !== "live") throw new DomainError("wrong_status", { status: c.status });
  }

  /** The current item, which must be in one of `statuses`. */
  function currentItem(c: Council, itemId: number, statuses: string[]) {
    const item = loadItem(db, c.id, itemId);
    if (c.currentItemId !== item.id) throw new DomainError("item_not_current");
    if (!statuses.includes(item.status)) throw new DomainError("wrong_item_status", { status: item.status });
    return item;
  }

  function lastBallotOf(itemId: number) {
    return db.select().from(ballotsTable).where(and(eq(ballotsTable.scope, "council"), eq(ballotsTable.itemId, itemId))).orderBy(desc(ballotsTable.id)).get();
  }

  const emit = (councilId: number, type: string, data: unknown) => live.emit(councilRoom(councilId), type, data);

  function participantsView(councilId: number) {
    return db
      .select()
      .from(councilParticipants)
      .where(eq(councilParticipants.councilId, councilId))
      .all()
      .map((p) => ({ id: p.id, checkedIn: p.checkedInAt !== null }));
  }

  return {
    /** From the published notice to the live session. */
    start(principal: Principal, input: number | z.input<typeof StartCouncilInput>) {
      const data = StartCouncilInput.parse(typeof input === "number" ? { councilId: input } : input);
      const c = loadCouncil(db, data.councilId);
      const user = requireChair(roleIn(db, c, principal));
      if (c.status !== "announced") throw new DomainError("wrong_status", { status: c.status });
      // The notice is respected (issue 14): not earlier than announced unless a reason is recorded.
      const now = clock.now();
      const earlyStartReason = earlyStartReasonFor(c.scheduledAt, now, data.reason);
      db.transaction(() => {
        db.update(councils).set({ status: "live", startedAt: now, earlyStartReason }).where(eq(councils.id, c.id)).run();
        ledger.append("council", c.id, "council_started", mediatorActor(user), { scheduledAt: c.scheduledAt.toISOString(), startedAt: now.toISOString(), earlyStartReason });
      });
      emit(c.id, "council:status", { status: "live" });
    },

    /** A participant marks themself present from their phone; voting members must, to be on a ballot. */
    checkIn(principal: Principal, councilId: number) {
      const c = loadCouncil(db, councilId);
      const participant = requireParticipant(roleIn(db, c, principal));
      requireLive(c);
      if (participant.checkedInAt) return { checkedIn: true };
      db.transaction(() => {
        db.update(councilParticipants).set({ checkedInAt: clock.now() }).where(eq(councilParticipants.id, participant.id)).run();
        ledger.append("council", c.id, "participant_checked_in", participantActor(participant, participantPublicName(participant)), {});
      });
      emit(c.id, "council:participants", participantsView(c.id));
      return { checkedIn: true };
    },

    /** The chair takes up the next item; one item at a time (一事一议). */
    openItem(principal: Principal, input: z.input<typeof ItemCommand>) {
      const data = ItemCommand.parse(input);
      const c = loadCouncil(db, data.councilId);
      const user = requireChair(roleIn(db, c, principal));
      requireLive(c);
      const item = loadItem(db, c.id, data.itemId);
      if (item.status !== "pending") throw new DomainError("wrong_item_status", { status: item.status });
      const busy = db
        .select({ id: councilItems.id })
        .from(councilItems)
        .where(and(eq(councilItems.councilId, c.id), inArray(councilItems.status, ["open", "voting"])))
        .get();
      if (busy) throw new DomainError("item_in_progress", { itemId: busy.id });
      db.transaction(() => {
        db.update(councilItems).set({ status: "open" }).where(eq(councilItems.id, item.id)).run();
        db.update(councils).set({ currentItemId: item.id }).where(eq(councils.id, c.id)).run();
        ledger.append("council", c.id, "item_opened", mediatorActor(user), { itemId: item.id, title: item.title });
      });
      emit(c.id, "council:item", { itemId: item.id, status: "open" });
    },

    /** Puts an item back on the pending list before its vote (e.g. more information is needed). */
    deferItem(principal: Principal, input: z.input<typeof ItemCommand>) {
      const data = ItemCommand.parse(input);
      const c = loadCouncil(db, data.councilId);
      const user = requireChair(roleIn(db, c, principal));
      requireLive(c);
      const item = currentItem(c, data.itemId, ["open"]);
      db.transaction(() => {
        db.update(councilItems).set({ status: "pending" }).where(eq(councilItems.id, item.id)).run();
        db.update(councils).set({ currentItemId: null }).where(eq(councils.id, c.id)).run();
        ledger.append("council", c.id, "item_deferred", mediatorActor(user), { itemId: item.id });
      });
      emit(c.id, "council:item", { itemId: item.id, status: "pending" });
    },

    /**
     * The discussion of the current item, while it is open. A participant posts their own opinion;
     * the chair records a spoken one for a participant or for someone speaking from the floor.
     */
    postOpinion(principal: Principal, input: z.input<typeof OpinionInput>) {
      const data = OpinionInput.parse(input);
      const c = loadCouncil(db, data.councilId);
      const role = roleIn(db, c, principal);
      // Who first, then when: a spectator is refused as such whatever the state of the room.
      if (role.kind !== "chair") requireParticipant(role);
      requireLive(c);
      if (c.currentItemId === null) throw new DomainError("no_current_item");
      const item = currentItem(c, c.currentItemId, ["open"]);
      let participantId: number | null;
      let author: string;
      let actor: Actor;
      if (role.kind === "chair") {
        const p = data.participantId
          ? db.select().from(councilParticipants).where(and(eq(councilParticipants.id, data.participantId), eq(councilParticipants.councilId, c.id))).get()
          : null;
        if (data.participantId && !p) throw new DomainError("participant_not_found");
        if (!p && !data.authorName) throw new DomainError("author_required");
        participantId = p?.id ?? null;
        // A name the chair types for a resident without a phone is masked like a guest's (issue 12).
        author = p ? participantPublicName(p) : publicGuestName(data.authorName!);
        actor = mediatorActor(role.user);
      } else {
        const p = requireParticipant(role);
        if (data.participantId || data.authorName) throw new DomainError("forbidden");
        participantId = p.id;
        author = participantPublicName(p);
        actor = participantActor(p, author);
      }
      const recordedByChair = role.kind === "chair";
      const row = db.transaction(() => {
        const o = db
          .insert(councilOpinions)
          .values({ itemId: item.id, participantId, authorName: author, recordedByChair, text: data.text, createdAt: clock.now() })
          .returning()
          .get();
        ledger.append("council", c.id, "opinion", actor, { itemId: item.id, opinionId: o.id, author, recordedByChair, ...recordedText(ledger, "council", c.id, `opinion:${o.id}`, data.text) });
        return o;
      });
      const view = { id: row.id, itemId: item.id, author, participantId, recordedByChair, text: publicText(row.text), at: row.createdAt.toISOString() };
      emit(c.id, "council:opinion", view);
      return view;
    },

    /**
     * 付诸表决: moves the current item to voting and opens its ballot with the rules announced on the
     * agenda, in one transaction. Also the way to vote again after a tie under the revote rule.
     */
    putToVote(principal: Principal, input: z.input<typeof ItemCommand>) {
      const data = ItemCommand.parse(input);
      const c = loadCouncil(db, data.councilId);
      const user = requireChair(roleIn(db, c, principal));
      requireLive(c);
      const item = currentItem(c, data.itemId, ["open", "voting"]);
      const previous = lastBallotOf(item.id);
      if (item.status === "voting") {
        const result = previous?.result as BallotResult | null | undefined;
        if (previous?.status === "open") throw new DomainError("ballot_already_open", { ballotId: previous.id });
        if (!(result?.outcome === "tie" && previous?.tieRule === "revote")) throw new DomainError("wrong_item_status", { status: item.status });
      }
      const present = db
        .select({ id: councilParticipants.id })
        .from(councilParticipants)
        .where(and(eq(councilParticipants.councilId, c.id), eq(councilParticipants.voting, true), isNotNull(councilParticipants.checkedInAt), isNotNull(councilParticipants.userId)))
        .all().length;
      const rules = item.ballotRules;
      if (present === 0 || present < rules.quorum) throw new DomainError("council_quorum_not_met", { present, needed: Math.max(1, rules.quorum) });
      const round = previous ? "revote" : "first";
      const ballot = db.transaction(() => {
        db.update(councilItems).set({ status: "voting" }).where(eq(councilItems.id, item.id)).run();
        ledger.append("council", c.id, "vote_called", mediatorActor(user), { itemId: item.id, round });
        const view = gate.run(item.id, () =>
          ballots.open(principal, {
            scope: "council",
            scopeId: c.id,
            itemId: item.id,
            question: `是否同意「${item.title}」的方案？`,
            options: COUNCIL_OPTIONS,
            secret: rules.secret,
            quorum: rules.quorum,
            threshold: rules.threshold,
            passOptionId: PASS_OPTION_ID,
            tieRule: rules.tieRule,
            allowChange: rules.allowChange,
            timeLimitSeconds: rules.timeLimitSeconds ?? null,
          }),
        );
        db.update(councilItems).set({ ballotId: view.id }).where(eq(councilItems.id, item.id)).run();
        return view;
      });
      emit(c.id, "council:item", { itemId: item.id, status: "voting" });
      return ballot;
    },

    /**
     * A tie under the chair_decides rule: the chair's recorded decision (with its reason) settles the
     * item, in the same transaction as the ballot engine's record of it.
     */
    resolveTie(principal: Principal, input: z.input<typeof ResolveTieInput>) {
      const data = ResolveTieInput.parse(input);
      const c = loadCouncil(db, data.councilId);
      const user = requireChair(roleIn(db, c, principal));
      requireLive(c);
      const item = currentItem(c, data.itemId, ["voting"]);
      const ballot = lastBallotOf(item.id);
      if (!ballot) throw new DomainError("ballot_not_found");
      db.transaction(() => {
        ballots.resolveTie(principal, { ballotId: ballot.id, optionId: data.optionId, reason: data.reason });
        const counts = (ballot.result as BallotResult | null)?.counts ?? {};
        policy.decide(item, data.optionId === PASS_OPTION_ID ? "passed" : "failed", ballot, counts, mediatorActor(user));
      });
      emit(c.id, "council:item", { itemId: item.id, status: "decided" });
    },

    /**
     * Ends the live session. Refused while a vote is under way; items not taken up go back to the
     * matters ledger (open), to be put on a later council's agenda.
     */
    end(principal: Principal, councilId: number) {
      const c = loadCouncil(db, councilId);
      const user = requireChair(roleIn(db, c, principal));
      requireLive(c);
      const items = db.select().from(councilItems).where(eq(councilItems.councilId, c.id)).all();
      if (items.some((i) => i.status === "voting")) throw new DomainError("vote_in_progress");
      const notTakenUp = items.filter((i) => i.status !== "decided");
      db.transaction(() => {
        for (const i of notTakenUp) {
          db.update(councilItems).set({ status: "pending" }).where(eq(councilItems.id, i.id)).run();
          matters.setStatus(i.matterId, "open");
        }
        db.update(councils).set({ status: "resolved", currentItemId: null }).where(eq(councils.id, c.id)).run();
        ledger.append("council", c.id, "council_ended", mediatorActor(user), {
          decided: items.filter((i) => i.status === "decided").map((i) => ({ itemId: i.id, outcome: i.outcome, approvalPermille: i.approvalRate })),
          notTakenUp: notTakenUp.map((i) => i.id),
        });
      });
      emit(c.id, "council:status", { status: "resolved" });
    },
  };
}
