import { and, asc, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { councilItems, councilParticipants, councils, invitations, representatives } from "../../db/schema";
import type { InvitationService } from "../auth/invitations";
import type { Principal } from "../auth/principal";
import { requirePermission } from "../auth/permissions";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import { publicText } from "../privacy/public-text";
import { AnnounceMasking, applyMasking, councilPublicTexts, previewOf } from "../privacy/announce-preview";
import type { LedgerService } from "../ledger/ledger";
import type { LiveHub } from "../live/hub";
import { MatterInput, type MatterService } from "../matters/matters";
import { councilRoom, loadCouncil, mediatorActor, type Council } from "./access";
import { BallotRulesInput, COUNCIL_NOTICE_DAYS, DAY_MS, publicGuestName, toBallotRules } from "./rules";
import { representativePublicName } from "./public-name";

const id = z.coerce.number().int().positive();
const Member = z.object({ representativeId: id, voting: z.boolean().default(true) });

export const ConveneInput = z.object({
  communityId: id,
  title: z.string().trim().min(2).max(120),
  place: z.string().trim().min(2).max(120),
  scheduledAt: z.coerce.date(),
  /** Representatives of the community; voting members unless `voting: false` (列席). */
  representatives: z.array(Member).max(200).default([]),
});
export type ConveneInput = z.input<typeof ConveneInput>;

export const AddItemInput = z
  .object({
    councilId: id,
    /** A 共事 matter already in the ledger, or a new one to record there. */
    matterId: id.optional(),
    matter: MatterInput.omit({ communityId: true, scope: true }).optional(),
    title: z.string().trim().min(2).max(120),
    proposal: z.string().trim().min(2).max(4000),
    rules: BallotRulesInput,
  })
  .refine((v) => v.matterId != null || v.matter != null, { path: ["matterId"], message: "matter_required" });
export const ItemRef = z.object({ councilId: id, itemId: id });
export const AddRepresentativesInput = z.object({ councilId: id, representatives: z.array(Member).min(1).max(200) });
export const AddGuestInput = z.object({ councilId: id, name: z.string().trim().min(2).max(60) });
export const ParticipantRef = z.object({ councilId: id, participantId: id });
export const AnnounceInput = z.object({ councilId: id, shortNoticeReason: z.string().trim().min(4).max(500).optional() }).merge(AnnounceMasking);
export const CancelInput = z.object({ councilId: id, reason: z.string().trim().min(2).max(500) });

type Deps = { db: Db; clock: Clock; ledger: LedgerService; live: LiveHub; matters: MatterService; invitations: InvitationService };

/**
 * Convening a council: the agenda (one matter, one proposal, one set of ballot rules per item), the
 * participants, the guests' invitations, the public notice, cancellation. Each change is one
 * transaction with its entry in the council's record.
 */
export function createCouncilLifecycle({ db, clock, ledger, live, matters, invitations: invitationService }: Deps) {
  /** Loads the council and checks the principal convenes councils in its community. */
  function forManager(principal: Principal, councilId: number) {
    const council = loadCouncil(db, councilId);
    const user = requirePermission(principal, "manage:council:own", council.communityId);
    return { council, user };
  }

  function requireStatus(council: Council, allowed: Council["status"][]) {
    if (!allowed.includes(council.status)) throw new DomainError("wrong_status", { status: council.status });
  }

  /** Representatives of this community, active, not yet on the list; voting needs a login to vote with. */
  function insertRepresentatives(council: Council, members: z.infer<typeof Member>[]) {
    const ids = [...new Set(members.map((m) => m.representativeId))];
    const reps = db.select().from(representatives).where(inArray(representatives.id, ids)).all();
    const existing = new Set(
      db
        .select({ rid: councilParticipants.representativeId })
        .from(councilParticipants)
        .where(eq(councilParticipants.councilId, council.id))
        .all()
        .map((r) => r.rid),
    );
    const added: { id: number; name: string; voting: boolean }[] = [];
    for (const m of members) {
      const rep = reps.find((r) => r.id === m.representativeId);
      if (!rep || rep.communityId !== council.communityId) throw new DomainError("representative_not_in_community", { representativeId: m.representativeId });
      if (rep.status !== "active") throw new DomainError("representative_inactive", { name: rep.name });
      if (existing.has(rep.id)) throw new DomainError("already_participant", { name: rep.name });
      if (m.voting && rep.userId == null) throw new DomainError("voter_without_login", { name: rep.name });
      existing.add(rep.id);
      const row = db
        .insert(councilParticipants)
        .values({ councilId: council.id, kind: "representative", representativeId: rep.id, userId: rep.userId, name: rep.name, publicName: representativePublicName(rep), voting: m.voting })
        .returning()
        .get();
      // The record is public once the council is: it carries the public name only (issue 12).
      added.push({ id: row.id, name: row.publicName!, voting: row.voting });
    }
    return added;
  }

  const broadcastChange = (councilId: number) => live.emit(councilRoom(councilId), "council:changed", {});

  return {
    convene(principal: Principal, input: ConveneInput): Council {
      const data = ConveneInput.parse(input);
      const user = requirePermission(principal, "manage:council:own", data.communityId);
      return db.transaction(() => {
        const council = db
          .insert(councils)
          .values({ communityId: data.communityId, title: data.title, place: data.place, scheduledAt: data.scheduledAt, chairId: user.id, createdAt: clock.now() })
          .returning()
          .get();
        const added = insertRepresentatives(council, data.representatives);
        // The record becomes public at the announcement: what a draft wrote into it is masked (issue 12).
        ledger.append("council", council.id, "council_convened", mediatorActor(user), {
          title: publicText(council.title),
          place: publicText(council.place),
          scheduledAt: council.scheduledAt.toISOString(),
          communityId: council.communityId,
          participants: added,
        });
        return council;
      });
    },

    /**
     * Puts a 共事 matter on the agenda (a dispute goes to a hearing instead). A matter that failed in
     * an earlier council is open again and may be taken up for another round.
     */
    addItem(principal: Principal, input: z.input<typeof AddItemInput>) {
      const data = AddItemInput.parse(input);
      const { council, user } = forManager(principal, data.councilId);
      requireStatus(council, ["draft"]);
      return db.transaction(() => {
        const matter = data.matterId ? matters.get(data.matterId) : matters.create(principal, { ...data.matter!, scope: "shared", communityId: council.communityId });
        if (matter.communityId !== council.communityId) throw new DomainError("matter_other_community");
        if (matter.scope !== "shared") throw new DomainError("matter_not_shared", { scope: matter.scope });
        if (matter.status === "resolved" || matter.status === "closed") throw new DomainError("matter_closed");
        if (matter.status !== "open") throw new DomainError("matter_busy", { status: matter.status });
        const last = db.select({ n: sql<number>`coalesce(max(${councilItems.position}), -1)` }).from(councilItems).where(eq(councilItems.councilId, council.id)).get()!.n;
        const rules = toBallotRules(data.rules);
        const item = db
          .insert(councilItems)
          .values({ councilId: council.id, matterId: matter.id, position: last + 1, title: data.title, proposal: data.proposal, ballotRules: rules })
          .returning()
          .get();
        matters.setStatus(matter.id, "in_council");
        ledger.append("council", council.id, "item_added", mediatorActor(user), {
          itemId: item.id,
          matterId: matter.id,
          title: publicText(item.title),
          proposal: publicText(item.proposal),
          rules,
        });
        return item;
      });
    },

    removeItem(principal: Principal, input: z.input<typeof ItemRef>) {
      const data = ItemRef.parse(input);
      const { council, user } = forManager(principal, data.councilId);
      requireStatus(council, ["draft"]);
      const item = db.select().from(councilItems).where(and(eq(councilItems.id, data.itemId), eq(councilItems.councilId, council.id))).get();
      if (!item) throw new DomainError("item_not_found");
      db.transaction(() => {
        db.delete(councilItems).where(eq(councilItems.id, item.id)).run();
        matters.setStatus(item.matterId, "open");
        ledger.append("council", council.id, "item_removed", mediatorActor(user), { itemId: item.id, matterId: item.matterId });
      });
    },

    addRepresentatives(principal: Principal, input: z.input<typeof AddRepresentativesInput>) {
      const data = AddRepresentativesInput.parse(input);
      const { council, user } = forManager(principal, data.councilId);
      requireStatus(council, ["draft", "announced"]);
      const added = db.transaction(() => {
        const rows = insertRepresentatives(council, data.representatives);
        ledger.append("council", council.id, "participants_added", mediatorActor(user), { participants: rows });
        return rows;
      });
      broadcastChange(council.id);
      return added;
    },

    /** A stakeholder or resident without an account (物业公司, 业委会, 居民); enters by invitation link. */
    addGuest(principal: Principal, input: z.input<typeof AddGuestInput>) {
      const data = AddGuestInput.parse(input);
      const { council, user } = forManager(principal, data.councilId);
      requireStatus(council, ["draft", "announced", "live"]);
      const row = db.transaction(() => {
        const p = db.insert(councilParticipants).values({ councilId: council.id, kind: "guest", name: data.name, publicName: publicGuestName(data.name), voting: false }).returning().get();
        ledger.append("council", council.id, "guest_added", mediatorActor(user), { participantId: p.id, name: publicGuestName(p.name) });
        return p;
      });
      broadcastChange(council.id);
      return row;
    },

    removeParticipant(principal: Principal, input: z.input<typeof ParticipantRef>) {
      const data = ParticipantRef.parse(input);
      const { council, user } = forManager(principal, data.councilId);
      requireStatus(council, ["draft", "announced"]);
      const p = db.select().from(councilParticipants).where(and(eq(councilParticipants.id, data.participantId), eq(councilParticipants.councilId, council.id))).get();
      if (!p) throw new DomainError("participant_not_found");
      db.transaction(() => {
        db.delete(councilParticipants).where(eq(councilParticipants.id, p.id)).run();
        // A guest's outstanding links stop working with them.
        if (p.kind === "guest") revokeLinks(council.id, p.id);
        ledger.append("council", council.id, "participant_removed", mediatorActor(user), { participantId: p.id });
      });
      broadcastChange(council.id);
    },

    /**
     * A fresh one-time link for a guest; earlier unused links for the same guest are revoked, so only
     * the newest works. The token exists only in this return value (its hash is stored).
     */
    inviteGuest(principal: Principal, input: z.input<typeof ParticipantRef>): { token: string; expiresAt: Date } {
      const data = ParticipantRef.parse(input);
      const { council, user } = forManager(principal, data.councilId);
      requireStatus(council, ["draft", "announced", "live"]);
      const p = db.select().from(councilParticipants).where(and(eq(councilParticipants.id, data.participantId), eq(councilParticipants.councilId, council.id))).get();
      if (!p || p.kind !== "guest") throw new DomainError("participant_not_found");
      return db.transaction(() => {
        revokeLinks(council.id, p.id, { unusedOnly: true });
        const inv = invitationService.issue({ purpose: "council_guest", scopeId: council.id, subjectId: p.id, label: p.name, createdBy: user.id });
        ledger.append("council", council.id, "guest_invited", mediatorActor(user), { participantId: p.id });
        return { token: inv.token, expiresAt: inv.expiresAt };
      });
    },

    /**
     * Publishes the notice at /councils/:id. Seven days ahead by default (seed 001's 事前预告); a
     * shorter notice needs a reason, which the notice shows.
     */
    /** What the announcement will make public, with the personal data found in it (the chair's preview). */
    announcePreview(principal: Principal, councilId: number) {
      const { council } = forManager(principal, councilId);
      return { texts: previewOf(councilPublicTexts(db, council.id)) };
    },

    announce(principal: Principal, input: z.input<typeof AnnounceInput>): Council {
      const data = AnnounceInput.parse(input);
      const { council, user } = forManager(principal, data.councilId);
      requireStatus(council, ["draft"]);
      const now = clock.now();
      const noticeMs = council.scheduledAt.getTime() - now.getTime();
      if (noticeMs <= 0) throw new DomainError("scheduled_in_past");
      if (noticeMs < COUNCIL_NOTICE_DAYS * DAY_MS && !data.shortNoticeReason) throw new DomainError("notice_too_short", { days: COUNCIL_NOTICE_DAYS });
      const items = db.select({ id: councilItems.id }).from(councilItems).where(eq(councilItems.councilId, council.id)).all();
      if (items.length === 0) throw new DomainError("agenda_empty");
      const voters = db
        .select({ id: councilParticipants.id })
        .from(councilParticipants)
        .where(and(eq(councilParticipants.councilId, council.id), eq(councilParticipants.voting, true)))
        .all();
      if (voters.length === 0) throw new DomainError("no_voting_members");
      const updated = db.transaction(() => {
        // What becomes public is what the chair saw in the preview, personal data masked unless kept on purpose (issue 12).
        applyMasking(db, councilPublicTexts(db, council.id), data);
        const c = db
          .update(councils)
          .set({ status: "announced", announcedAt: now, shortNoticeReason: data.shortNoticeReason ?? null })
          .where(eq(councils.id, council.id))
          .returning()
          .get();
        ledger.append("council", council.id, "council_announced", mediatorActor(user), {
          title: c.title,
          place: c.place,
          scheduledAt: c.scheduledAt.toISOString(),
          shortNoticeReason: c.shortNoticeReason,
          items: items.map((i) => i.id),
          votingMembers: voters.length,
        });
        return c;
      });
      live.emit(councilRoom(council.id), "council:status", { status: updated.status });
      return updated;
    },

    /** Any council not yet ended can be cancelled with a reason; its undecided matters are open again. */
    cancel(principal: Principal, input: z.input<typeof CancelInput>): Council {
      const data = CancelInput.parse(input);
      const { council, user } = forManager(principal, data.councilId);
      requireStatus(council, ["draft", "announced", "live"]);
      if (council.status === "live" && db.select().from(councilItems).where(and(eq(councilItems.councilId, council.id), eq(councilItems.status, "voting"))).get())
        throw new DomainError("vote_in_progress");
      const updated = db.transaction(() => {
        const undecided = db
          .select()
          .from(councilItems)
          .where(and(eq(councilItems.councilId, council.id), ne(councilItems.status, "decided")))
          .all();
        for (const item of undecided) matters.setStatus(item.matterId, "open");
        const c = db.update(councils).set({ status: "cancelled", cancelledReason: data.reason }).where(eq(councils.id, council.id)).returning().get();
        ledger.append("council", council.id, "council_cancelled", mediatorActor(user), { reason: data.reason });
        return c;
      });
      live.emit(councilRoom(council.id), "council:status", { status: "cancelled", reason: data.reason });
      return updated;
    },

    /** Active representatives of a community, for the participant pickers (voting needs a login). */
    candidates(principal: Principal, communityId: number) {
      requirePermission(principal, "manage:council:own", communityId);
      return db
        .select({ id: representatives.id, name: representatives.name, category: representatives.category, userId: representatives.userId })
        .from(representatives)
        .where(and(eq(representatives.communityId, communityId), eq(representatives.status, "active")))
        .orderBy(asc(representatives.id))
        .all()
        .map((r) => ({ id: r.id, name: r.name, category: r.category, hasLogin: r.userId !== null }));
    },

    listForCommunities(communityIds: number[]): Council[] {
      if (communityIds.length === 0) return [];
      return db.select().from(councils).where(inArray(councils.communityId, communityIds)).orderBy(desc(councils.scheduledAt)).all();
    },

    /** Councils the public may see: announced onwards, not drafts. */
    listPublic(): Council[] {
      return db.select().from(councils).where(ne(councils.status, "draft")).orderBy(desc(councils.scheduledAt)).all();
    },

    /** Councils a user takes part in, soonest first. */
    listForParticipant(userId: number): Council[] {
      return db
        .select({ c: councils })
        .from(councilParticipants)
        .innerJoin(councils, eq(councils.id, councilParticipants.councilId))
        .where(and(eq(councilParticipants.userId, userId), ne(councils.status, "draft")))
        .orderBy(asc(councils.scheduledAt))
        .all()
        .map((r) => r.c);
    },
  };

  /** Revokes a guest's links (and ends sessions opened with them); a reissue leaves a used link's session alone. */
  function revokeLinks(councilId: number, participantId: number, opts: { unusedOnly?: boolean } = {}) {
    const previous = db
      .select({ id: invitations.id })
      .from(invitations)
      .where(
        and(
          eq(invitations.purpose, "council_guest"),
          eq(invitations.scopeId, councilId),
          eq(invitations.subjectId, participantId),
          isNull(invitations.revokedAt),
          opts.unusedOnly ? isNull(invitations.usedAt) : undefined,
        ),
      )
      .all();
    for (const p of previous) invitationService.revoke(p.id);
  }
}
