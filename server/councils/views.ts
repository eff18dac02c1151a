import { sql, and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import { publicText } from "../privacy/public-text";
import type { Db } from "../../db/connection";
import { councilItems, councilOpinions, councilParticipants, councils, matters, resolutions, units } from "../../db/schema";
import type { Principal } from "../auth/principal";
import { can } from "../auth/permissions";
import type { BallotService } from "../ballots/service";
import type { Clock } from "../clock";
import { DomainError, isDomainError } from "../errors";
import { loadCouncil, loadVisibleCouncil, type Council, type CouncilRole } from "./access";
import type { createImplementation } from "./implementation";
import { effectiveStatus, isOverdue, loadResolution } from "./resolutions";
import { participantPublicName } from "./public-name";

type Deps = {
  db: Db;
  clock: Clock;
  ballots: Pick<BallotService, "state" | "receipts">;
  implementation: ReturnType<typeof createImplementation>;
};

/**
 * What each audience sees of a council. A council is a public meeting: everyone sees the agenda, the
 * discussion and the votes. The chair also sees guests' full names; the public sees them masked.
 */
export function createCouncilViews({ db, clock, ballots, implementation }: Deps) {
  const unitName = (id: number | null) => (id ? (db.select({ name: units.name }).from(units).where(eq(units.id, id)).get()?.name ?? "") : "");

  /**
   * Every time a matter was put to a council (its rounds), oldest first, with outcome and 同意率 —
   * how a community's support for a proposal grew (or did not) from one council to the next.
   */
  function rounds(matterId: number) {
    const published = db
      .select({ id: resolutions.id, itemId: resolutions.itemId })
      .from(resolutions)
      .where(and(eq(resolutions.matterId, matterId), ne(resolutions.status, "draft")))
      .all();
    return db
      .select({ item: councilItems, council: councils })
      .from(councilItems)
      .innerJoin(councils, eq(councils.id, councilItems.councilId))
      .where(and(eq(councilItems.matterId, matterId), ne(councils.status, "draft"), ne(councils.status, "cancelled")))
      // Rounds in the order they were held (the actual start, issue 14); agenda order breaks ties.
      .orderBy(asc(sql`coalesce(${councils.startedAt}, ${councils.scheduledAt})`), asc(councilItems.id))
      .all()
      .map(({ item, council }, i) => ({
        resolutionId: published.find((r) => r.itemId === item.id)?.id ?? null,
        round: i + 1,
        councilId: council.id,
        councilTitle: council.title,
        scheduledAt: council.scheduledAt.toISOString(),
        /** When the round was actually held (issue 14); the notice's time until it starts. */
        heldAt: (council.startedAt ?? council.scheduledAt).toISOString(),
        itemId: item.id,
        title: item.title,
        status: item.status,
        outcome: item.outcome,
        approvalRate: item.approvalRate,
      }));
  }

  function summary(c: Council) {
    return {
      id: c.id,
      title: c.title,
      place: c.place,
      scheduledAt: c.scheduledAt.toISOString(),
      status: c.status,
      communityId: c.communityId,
      communityName: unitName(c.communityId),
      currentItemId: c.currentItemId,
      shortNoticeReason: c.shortNoticeReason,
      cancelledReason: c.cancelledReason,
      announcedAt: c.announcedAt?.toISOString() ?? null,
      startedAt: c.startedAt?.toISOString() ?? null,
      earlyStartReason: c.earlyStartReason,
      /** When it was actually held: the start, or the announced time before it starts. */
      heldAt: (c.startedAt ?? c.scheduledAt).toISOString(),
    };
  }

  function items(c: Council, insider = false) {
    const rows = db
      .select({ item: councilItems, matter: matters })
      .from(councilItems)
      .innerJoin(matters, eq(matters.id, councilItems.matterId))
      .where(eq(councilItems.councilId, c.id))
      .orderBy(asc(councilItems.position))
      .all();
    const res = rows.length
      ? db.select().from(resolutions).where(inArray(resolutions.itemId, rows.map((r) => r.item.id))).all()
      : [];
    const now = clock.now();
    return rows.map(({ item, matter }, index) => {
      const r = res.find((x) => x.itemId === item.id);
      const history = rounds(matter.id);
      const round = history.find((h) => h.itemId === item.id)?.round ?? history.length + 1;
      return {
        id: item.id,
        number: index + 1,
        title: item.title,
        proposal: item.proposal,
        rules: item.ballotRules,
        status: item.status,
        outcome: item.outcome,
        approvalRate: item.approvalRate,
        ballotId: item.ballotId,
        // The internal description is the chair's; the public sees the approved public summary (issue 12).
        // The matter's ledger title is internal too: the public reads the item's title (masked at the announcement).
        matter: { id: matter.id, title: insider ? matter.title : "", description: insider ? matter.description : (matter.publicSummary ?? ""), difficulty: matter.difficulty, source: matter.source },
        /** Which round this is for the matter, and the earlier ones. */
        round,
        previousRounds: history.filter((h) => h.round < round),
        // A draft resolution is the chair's until published (issue 12).
        resolution: r && (insider || r.publishedAt !== null) ? { id: r.id, status: effectiveStatus(r, now), published: r.publishedAt !== null, text: r.text, responsible: r.responsible, deadline: r.deadline.toISOString(), noticeDays: r.noticeDays } : null,
      };
    });
  }

  function participants(c: Council, showNames: boolean) {
    return db
      .select()
      .from(councilParticipants)
      .where(eq(councilParticipants.councilId, c.id))
      .orderBy(asc(councilParticipants.kind), asc(councilParticipants.id))
      .all()
      .map((p) => ({
        id: p.id,
        kind: p.kind,
        // The pool id and the real name are the chair's; the public sees the public name only (issue 12).
        representativeId: showNames ? p.representativeId : null,
        name: showNames ? p.name : participantPublicName(p),
        voting: p.voting,
        hasLogin: p.userId !== null,
        checkedIn: p.checkedInAt !== null,
      }));
  }

  /** The discussion; personal data typed into an opinion is masked for everyone but the chair (issue 12). */
  function opinions(c: Council, chair = false) {
    return db
      .select({ o: councilOpinions })
      .from(councilOpinions)
      .innerJoin(councilItems, eq(councilItems.id, councilOpinions.itemId))
      .where(eq(councilItems.councilId, c.id))
      .orderBy(asc(councilOpinions.id))
      .all()
      .map(({ o }) => ({ id: o.id, itemId: o.itemId, author: o.authorName, participantId: o.participantId, recordedByChair: o.recordedByChair, text: chair ? o.text : publicText(o.text), at: o.createdAt.toISOString() }));
  }

  function roleSummary(role: CouncilRole) {
    if (role.kind === "member" || role.kind === "guest")
      return { kind: role.kind, participantId: role.participant.id, voting: role.participant.voting, checkedIn: role.participant.checkedInAt !== null };
    return { kind: role.kind, participantId: null, voting: false, checkedIn: false };
  }

  return {
    rounds,
    summary,

    /** The full state for one viewer: sent on joining the room and on every reconnect. */
    snapshot(principal: Principal, councilId: number) {
      const { council: c, role } = loadVisibleCouncil(db, councilId, principal);
      const ballot = ballots.state(principal, { scope: "council", scopeId: c.id });
      const closedSecret = ballot.ballot?.status === "closed" && ballot.ballot.secret ? ballot.ballot.id : null;
      return {
        role: roleSummary(role),
        council: summary(c),
        items: items(c, role.kind === "chair"),
        participants: participants(c, role.kind === "chair"),
        opinions: opinions(c, role.kind === "chair"),
        /** The latest ballot of the council (the current item's while it is voting), with the viewer's vote. */
        ballot,
        receipts: closedSecret ? ballots.receipts({ ballotId: closedSecret }).receipts : null,
      };
    },

    /** The public page of a resolution, with what this viewer may do on it. */
    resolution(principal: Principal, resolutionId: number) {
      const r = loadResolution(db, resolutionId);
      const c = loadCouncil(db, r.councilId);
      if (r.status === "draft" && !can(principal, "publish:outcome:own", c.communityId)) throw new DomainError("resolution_not_found");
      const now = clock.now();
      const item = db.select().from(councilItems).where(eq(councilItems.id, r.itemId)).get()!;
      const matter = db.select().from(matters).where(eq(matters.id, r.matterId)).get()!;
      const ballot = item.ballotId ? ballots.state(principal, { ballotId: item.ballotId }).ballot : null;
      const status = effectiveStatus(r, now);
      let canPost = false;
      try {
        implementation.assertCanPost(principal, r.id);
        canPost = true;
      } catch (err) {
        if (!isDomainError(err)) throw err;
      }
      const myRating = implementation.myRating(principal, r.id);
      const canRate = status === "done" && !myRating && implementation.raterParticipant(principal, r.id) !== null;
      return {
        resolution: {
          id: r.id,
          text: r.text,
          responsible: r.responsible,
          deadline: r.deadline.toISOString(),
          status,
          overdue: isOverdue({ status, deadline: r.deadline }, now),
          noticeDays: r.noticeDays,
          publishedAt: r.publishedAt?.toISOString() ?? null,
          noticeEndsAt: r.noticeEndsAt?.toISOString() ?? null,
          doneAt: r.doneAt?.toISOString() ?? null,
        },
        council: summary(c),
        item: { id: item.id, title: item.title, proposal: item.proposal, outcome: item.outcome, approvalRate: item.approvalRate, rules: item.ballotRules },
        // A public page: the approved public summary, never the internal description (issue 12).
        matter: { id: matter.id, title: item.title, description: matter.publicSummary ?? "" },
        ballot,
        rounds: rounds(matter.id),
        progress: implementation.progress(r.id),
        ratings: implementation.ratings(r.id),
        canPost,
        canRate,
        myRating: myRating?.rating ?? null,
      };
    },

    /** Published resolutions, newest first, for the public list and the supervisors. */
    publishedResolutions() {
      const now = clock.now();
      return db
        .select({ r: resolutions, item: councilItems, council: councils })
        .from(resolutions)
        .innerJoin(councilItems, eq(councilItems.id, resolutions.itemId))
        .innerJoin(councils, eq(councils.id, resolutions.councilId))
        .where(ne(resolutions.status, "draft"))
        .orderBy(desc(resolutions.publishedAt))
        .all()
        .map(({ r, item, council }) => {
          const status = effectiveStatus(r, now);
          return {
            id: r.id,
            title: item.title,
            councilTitle: council.title,
            communityId: council.communityId,
            communityName: unitName(council.communityId),
            approvalRate: item.approvalRate,
            status,
            overdue: isOverdue({ status, deadline: r.deadline }, now),
            deadline: r.deadline.toISOString(),
            publishedAt: r.publishedAt?.toISOString() ?? null,
            responsible: r.responsible,
          };
        });
    },
  };
}
