import { and, asc, eq, inArray } from "drizzle-orm";
import { publicText } from "../privacy/public-text";
import type { Db } from "../../db/connection";
import { ballots as ballotsTable, deliberationMessages, draws, hearingParties, jurorQuestions, matters, panelSeats, representatives, transcriptEntries, users } from "../../db/schema";
import type { Principal } from "../auth/principal";
import type { BallotState, PublishedReceipt } from "../ballots/types";
import { loadVisibleHearing, type Hearing, type HearingRole } from "./access";
import type { createDrawFlow } from "./draw-flow";
import type { createEvidence } from "./evidence";
import { sideLabel } from "./masking";
import { hearingQuorum } from "./phases";
import type { Presence } from "./presence";
import type { createHearingRoom } from "./room";
import type { createRulings } from "./ruling";
import type { createChallengeProcedure } from "./challenges";
import type { createHearingFollowUps } from "./follow-ups";

/** The ballot engine's snapshot of a hearing's latest ballot, with the viewer's own vote. */
type BallotSnapshots = {
  state(principal: Principal, input: { scope: "hearing"; scopeId: number }): BallotState;
  receipts(input: { ballotId: number }): { receipts: PublishedReceipt[] };
};

type Deps = {
  db: Db;
  ballots: BallotSnapshots;
  presence: Presence;
  drawFlow: ReturnType<typeof createDrawFlow>;
  room: ReturnType<typeof createHearingRoom>;
  evidence: ReturnType<typeof createEvidence>;
  rulings: ReturnType<typeof createRulings>;
  challenges?: ReturnType<typeof createChallengeProcedure>;
  followUps?: ReturnType<typeof createHearingFollowUps>;
};

function withoutRecord<T extends { record: unknown } | null>(draw: T): T {
  return draw ? { ...draw, record: null } : draw;
}

/**
 * What each audience sees of a hearing. The public sees masked party names and pseudonymous jurors
 * (unless a juror consented to be named); the chair sees names; jurors see the deliberation.
 */
export function createHearingViews({ db, ballots, presence, drawFlow, room, evidence, rulings, challenges, followUps }: Deps) {
  function panel(hearing: Hearing, showNames: boolean) {
    const d = db.select({ snapshot: draws.snapshot }).from(draws).where(eq(draws.hearingId, hearing.id)).get();
    const pseudonym = new Map((d?.snapshot ?? []).map((m) => [m.representativeId, m.id]));
    const seats = db
      .select({ seat: panelSeats, name: representatives.name, category: representatives.category })
      .from(panelSeats)
      .innerJoin(representatives, eq(representatives.id, panelSeats.representativeId))
      .where(eq(panelSeats.hearingId, hearing.id))
      .orderBy(asc(panelSeats.role), asc(panelSeats.position))
      .all();
    return seats.map(({ seat, name, category }) => ({
      pseudonym: pseudonym.get(seat.representativeId) ?? null,
      role: seat.role,
      status: seat.status,
      position: seat.position,
      label: seat.role === "juror" ? `评理员 ${seat.position + 1}` : `候补 ${seat.position + 1}`,
      name: showNames || seat.consentToName ? name : null,
      category,
      checkedIn: seat.checkedInAt != null,
      online: presence.isOnline(hearing.id, seat.representativeId),
    }));
  }

  function seatLabelOf(hearingId: number, representativeId: number) {
    const seat = db
      .select({ position: panelSeats.position })
      .from(panelSeats)
      .where(and(eq(panelSeats.hearingId, hearingId), eq(panelSeats.representativeId, representativeId)))
      .get();
    return seat ? `评理员 ${seat.position + 1}` : null;
  }

  function parties(hearing: Hearing, showNames: boolean) {
    return db
      .select()
      .from(hearingParties)
      .where(eq(hearingParties.hearingId, hearing.id))
      .orderBy(asc(hearingParties.position))
      .all()
      .map((p) => ({ id: p.id, side: sideLabel(p.position), name: showNames ? p.name : p.maskedName, maskedName: p.maskedName }));
  }

  /** The transcript; personal data typed into it is masked for everyone but the chair (issue 12). */
  function transcript(hearingId: number, chair = false) {
    const ps = db.select().from(hearingParties).where(eq(hearingParties.hearingId, hearingId)).all();
    return db
      .select()
      .from(transcriptEntries)
      .where(eq(transcriptEntries.hearingId, hearingId))
      .orderBy(asc(transcriptEntries.id))
      .all()
      .map((t) => {
        const p = ps.find((x) => x.id === t.partyId);
        const speaker = t.speakerKind === "juror" ? "评理员提问" : p ? `${sideLabel(p.position)} ${p.maskedName}` : "主持人";
        const typed = chair ? t.text : publicText(t.text);
        const text = t.speakerKind === "juror" && p ? `（向${sideLabel(p.position)}）${typed}` : typed;
        return { id: t.id, phase: t.phase, speaker, partyId: t.partyId, recordedByMediator: t.recordedByMediator, text, at: t.createdAt.toISOString() };
      });
  }

  /** The internal matter description is the chair's; everyone else sees the approved public summary (issue 12). */
  function summary(hearing: Hearing, insider = false) {
    const matter = db.select().from(matters).where(eq(matters.id, hearing.matterId)).get()!;
    return {
      id: hearing.id,
      title: hearing.title,
      place: hearing.place,
      scheduledAt: hearing.scheduledAt.toISOString(),
      status: hearing.status,
      phase: hearing.phase,
      panelSize: hearing.panelSize,
      quorum: hearingQuorum(hearing.panelSize),
      challengesPerParty: hearing.challengesPerParty,
      speakingBudgets: hearing.speakingBudgets,
      shortNoticeReason: hearing.shortNoticeReason,
      cancelledReason: hearing.cancelledReason,
      announcedAt: hearing.announcedAt?.toISOString() ?? null,
      startedAt: hearing.startedAt?.toISOString() ?? null,
      earlyStartReason: hearing.earlyStartReason,
      challengeWindowClosed: hearing.challengeWindowClosedAt != null,
      publishedAt: hearing.publishedAt?.toISOString() ?? null,
      // The matter's ledger title and description are internal; the public reads the hearing's title and the summary.
      matter: { id: matter.id, title: insider ? matter.title : "", description: insider ? matter.description : (matter.publicSummary ?? ""), scope: matter.scope, difficulty: matter.difficulty },
    };
  }

  function roleSummary(role: HearingRole) {
    if (role.kind === "party") return { kind: "party" as const, partyId: role.partyId };
    if (role.kind === "juror") return { kind: "juror" as const, representativeId: role.representativeId, checkedIn: role.checkedIn };
    return { kind: role.kind };
  }

  return {
    summary,
    /** The full state for one viewer: sent on joining the room and on every reconnect. */
    snapshot(principal: Principal, hearingId: number) {
      const { hearing, role } = loadVisibleHearing(db, hearingId, principal);
      const insider = role.kind !== "spectator";
      const questions =
        role.kind === "chair"
          ? db
              .select()
              .from(jurorQuestions)
              .where(and(eq(jurorQuestions.hearingId, hearingId), inArray(jurorQuestions.status, ["queued"])))
              .orderBy(asc(jurorQuestions.id))
              .all()
              .map((q) => ({ id: q.id, text: q.text, status: q.status, at: q.createdAt.toISOString() }))
          : [];
      const deliberation =
        role.kind === "chair" || role.kind === "juror"
          ? db
              .select({ m: deliberationMessages, author: users.displayName })
              .from(deliberationMessages)
              .innerJoin(users, eq(users.id, deliberationMessages.authorId))
              .where(eq(deliberationMessages.hearingId, hearingId))
              .orderBy(asc(deliberationMessages.id))
              .all()
              .map(({ m, author }) => ({ id: m.id, author: m.authorId === hearing.chairId ? "主持人" : author, text: m.text, at: m.createdAt.toISOString() }))
          : [];
      const ruling = rulings.get(hearingId);
      const ballot = ballots.state(principal, { scope: "hearing", scopeId: hearingId });
      const closedSecret = ballot.ballot?.status === "closed" && ballot.ballot.secret ? ballot.ballot.id : null;
      return {
        role: roleSummary(role),
        hearing: summary(hearing, role.kind === "chair"),
        parties: parties(hearing, role.kind === "chair"),
        // Parties see whom they may challenge (names and categories, issue 14); the public never does.
        panel: panel(hearing, role.kind === "chair" || role.kind === "party"),
        /** 申请回避 requests and waivers: parties and the chair only. */
        challenges: (role.kind === "chair" || role.kind === "party") && challenges ? challenges.list(hearingId) : [],
        /** Why the chair may not start yet (challenge procedure), for the console. */
        startBlockedBy: role.kind === "chair" && challenges && hearing.status === "drawing" ? challenges.blockingStart(hearing) : null,
        /** The juror's own seat label, and whether they are on the open ballot's list (issue 14). */
        mySeat: role.kind === "juror" ? seatLabelOf(hearing.id, role.representativeId) : null,
        onOpenBallot:
          role.kind === "juror" && ballot.ballot?.status === "open"
            ? (db.select({ eligible: ballotsTable.eligible }).from(ballotsTable).where(eq(ballotsTable.id, ballot.ballot.id)).get()?.eligible ?? []).includes(role.user.id)
            : null,
        /** A party's own follow-up rating of the published ruling. */
        myRating: role.kind === "party" && followUps ? followUps.mine(principal, hearingId) : null,
        // A spectator sees the draw while it happens; afterwards the full record (hundreds of lottery
        // panels) is at /hearings/<id>/draw.json, and every join or reconnect need not carry it.
        draw: insider || hearing.status === "drawing" ? drawFlow.publicState(hearingId) : withoutRecord(drawFlow.publicState(hearingId)),
        floor: room.floorState(hearingId),
        transcript: transcript(hearingId, role.kind === "chair"),
        exhibits: evidence.list(hearingId, insider ? "panel" : "public"),
        /** The exhibit the chair shows on the hall screen (admitted and public only), for every audience. */
        screenExhibit: evidence.onScreen(hearingId),
        /** A party may upload now (before the start, or during 举证质证), up to this many bytes (issue 14). */
        canUpload: role.kind === "party" && evidence.uploadOpen(hearing),
        uploadLimitBytes: evidence.uploadLimitBytes,
        questions,
        deliberation,
        ballot,
        /** The published receipts of a closed secret ballot, so each juror can find their own. */
        receipts: closedSecret ? ballots.receipts({ ballotId: closedSecret }).receipts : null,
        ruling: ruling && (insider || ruling.publishedAt) ? { reasons: ruling.reasons, saying: ruling.saying, ballotId: ruling.ballotId } : null,
      };
    },
    panel,
    parties,
    transcript,
  };
}
