import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { hearingParties, hearings, invitations, panelSeats, representatives } from "../../db/schema";
import type { InvitationService } from "../auth/invitations";
import type { Principal } from "../auth/principal";
import { requirePermission } from "../auth/permissions";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import { publicText } from "../privacy/public-text";
import { AnnounceMasking, applyMasking, hearingPublicTexts, previewOf } from "../privacy/announce-preview";
import type { LedgerService } from "../ledger/ledger";
import type { LiveHub } from "../live/hub";
import { MatterInput, type MatterService } from "../matters/matters";
import { hearingRooms, loadHearing, type Hearing } from "./access";
import { publicGuestName } from "../councils/rules";
import { sideLabel } from "./masking";
import { NOTICE_DAYS } from "./phases";

const QuotaInput = z.object({
  category: z.string().trim().min(1).max(40),
  feature: z.string().trim().min(1).max(40),
  min: z.coerce.number().int().min(0),
  max: z.coerce.number().int().min(0),
});

export const ConveneInput = z
  .object({
    communityId: z.coerce.number().int().positive(),
    /** An existing matter, or a new one to record in the ledger. */
    matterId: z.coerce.number().int().positive().optional(),
    matter: MatterInput.omit({ communityId: true }).optional(),
    title: z.string().trim().min(2).max(120),
    place: z.string().trim().min(2).max(120),
    scheduledAt: z.coerce.date(),
    panelSize: z.coerce.number().int().min(3).max(21).default(7),
    alternatesCount: z.coerce.number().int().min(0).max(20).default(3),
    quotas: z.array(QuotaInput).max(30).default([]),
    challengesPerParty: z.coerce.number().int().min(0).max(5).default(1),
    speakingBudgets: z.record(z.enum(["opening", "statements", "evidence", "debate"]), z.coerce.number().int().min(30).max(3600)).default({
      opening: 120,
      statements: 300,
      evidence: 300,
      debate: 180,
    }),
    parties: z
      .array(
        z.object({
          name: z.string().trim().min(1).max(60),
          contact: z.string().trim().max(60).nullish(),
          representativeId: z.coerce.number().int().positive().nullish(),
          unitId: z.coerce.number().int().positive().nullish(),
        }),
      )
      .min(2)
      .max(6),
  })
  .refine((v) => v.panelSize % 2 === 1, { path: ["panelSize"], message: "panel_size_must_be_odd" })
  .refine((v) => v.matterId != null || v.matter != null, { path: ["matterId"], message: "matter_required" })
  .refine((v) => v.quotas.every((q) => q.min <= q.max), { path: ["quotas"], message: "quota_min_above_max" });
export type ConveneInput = z.input<typeof ConveneInput>;

export const AnnounceInput = z.object({ hearingId: z.number().int().positive(), shortNoticeReason: z.string().trim().min(4).max(500).optional() }).merge(AnnounceMasking);
export const CancelInput = z.object({ hearingId: z.number().int().positive(), reason: z.string().trim().min(2).max(500) });

type Deps = { db: Db; clock: Clock; ledger: LedgerService; live: LiveHub; matters: MatterService; invitations: InvitationService };

/** Convening, announcing, inviting the parties and cancelling a hearing. */
export function createHearingLifecycle({ db, clock, ledger, live, matters, invitations: invitationService }: Deps) {
  const mediatorActor = (u: { id: number; displayName: string }) => ({ kind: "mediator" as const, id: u.id, name: u.displayName });

  return {
    convene(principal: Principal, input: ConveneInput): Hearing {
      const data = ConveneInput.parse(input);
      const user = requirePermission(principal, "manage:hearing:own", data.communityId);
      return db.transaction(() => {
        const matter = data.matterId
          ? matters.get(data.matterId)
          : matters.create(principal, { ...data.matter!, communityId: data.communityId });
        if (matter.communityId !== data.communityId) throw new DomainError("matter_other_community");
        const now = clock.now();
        const hearing = db
          .insert(hearings)
          .values({
            matterId: matter.id,
            communityId: data.communityId,
            title: data.title,
            place: data.place,
            scheduledAt: data.scheduledAt,
            panelSize: data.panelSize,
            alternatesCount: data.alternatesCount,
            quotas: data.quotas,
            challengesPerParty: data.challengesPerParty,
            speakingBudgets: data.speakingBudgets,
            chairId: user.id,
            createdAt: now,
          })
          .returning()
          .get();
        data.parties.forEach((p, position) =>
          db
            .insert(hearingParties)
            .values({
              hearingId: hearing.id,
              position,
              name: p.name,
              maskedName: publicGuestName(p.name),
              contact: p.contact ?? null,
              representativeId: p.representativeId ?? null,
              unitId: p.unitId ?? null,
            })
            .run(),
        );
        matters.setStatus(matter.id, "in_hearing");
        // The record becomes public at the announcement: what a draft wrote into it is masked (issue 12).
        ledger.append("hearing", hearing.id, "hearing_convened", mediatorActor(user), {
          title: publicText(hearing.title),
          matterId: matter.id,
          panelSize: hearing.panelSize,
          alternatesCount: hearing.alternatesCount,
          quotas: hearing.quotas,
          parties: data.parties.map((p, i) => ({ side: sideLabel(i), name: publicGuestName(p.name) })),
        });
        return hearing;
      });
    },

    /**
     * Publishes the notice. Seven days ahead by default (seed 001's 事前预告); a shorter notice needs
     * a recorded reason, which is shown on the notice.
     */
    /** What the announcement will make public, with the personal data found in it (the chair's preview). */
    announcePreview(principal: Principal, hearingId: number) {
      const hearing = loadHearing(db, hearingId);
      requirePermission(principal, "manage:hearing:own", hearing.communityId);
      return { matterId: hearing.matterId, texts: previewOf(hearingPublicTexts(db, hearing.id)) };
    },

    announce(principal: Principal, input: z.input<typeof AnnounceInput>): Hearing {
      const data = AnnounceInput.parse(input);
      const hearing = loadHearing(db, data.hearingId);
      const user = requirePermission(principal, "manage:hearing:own", hearing.communityId);
      if (hearing.status !== "draft") throw new DomainError("wrong_status", { status: hearing.status });
      const now = clock.now();
      const noticeMs = hearing.scheduledAt.getTime() - now.getTime();
      if (noticeMs <= 0) throw new DomainError("scheduled_in_past");
      if (noticeMs < NOTICE_DAYS * 86_400_000 && !data.shortNoticeReason) throw new DomainError("notice_too_short", { days: NOTICE_DAYS });
      const updated = db.transaction(() => {
        // What becomes public is what the chair saw in the preview, personal data masked unless kept on purpose (issue 12).
        applyMasking(db, hearingPublicTexts(db, hearing.id), data);
        const h = db
          .update(hearings)
          .set({ status: "announced", announcedAt: now, shortNoticeReason: data.shortNoticeReason ?? null })
          .where(eq(hearings.id, hearing.id))
          .returning()
          .get();
        ledger.append("hearing", hearing.id, "hearing_announced", mediatorActor(user), {
          title: h.title,
          place: h.place,
          scheduledAt: h.scheduledAt.toISOString(),
          shortNoticeReason: h.shortNoticeReason,
        });
        return h;
      });
      live.emit(hearingRooms.public(hearing.id), "hearing:status", { status: updated.status });
      return updated;
    },

    cancel(principal: Principal, input: z.input<typeof CancelInput>): Hearing {
      const data = CancelInput.parse(input);
      const hearing = loadHearing(db, data.hearingId);
      const user = requirePermission(principal, "manage:hearing:own", hearing.communityId);
      if (["published", "cancelled", "closed"].includes(hearing.status)) throw new DomainError("wrong_status", { status: hearing.status });
      const updated = db.transaction(() => {
        const h = db
          .update(hearings)
          .set({ status: "cancelled", phase: null, cancelledReason: data.reason })
          .where(eq(hearings.id, hearing.id))
          .returning()
          .get();
        matters.setStatus(hearing.matterId, "open");
        ledger.append("hearing", hearing.id, "hearing_cancelled", mediatorActor(user), { reason: data.reason });
        return h;
      });
      live.emit(hearingRooms.public(hearing.id), "hearing:status", { status: "cancelled", reason: data.reason });
      return updated;
    },

    /**
     * A fresh one-time link for a party. Earlier unused links for the same party are revoked, so only
     * the newest link works. The token exists only in this return value (we store its hash).
     */
    inviteParty(principal: Principal, hearingId: number, partyId: number): { token: string; expiresAt: Date } {
      const hearing = loadHearing(db, hearingId);
      const user = requirePermission(principal, "manage:hearing:own", hearing.communityId);
      if (["closed", "published", "cancelled"].includes(hearing.status)) throw new DomainError("wrong_status", { status: hearing.status });
      const party = db
        .select()
        .from(hearingParties)
        .where(and(eq(hearingParties.id, partyId), eq(hearingParties.hearingId, hearingId)))
        .get();
      if (!party) throw new DomainError("party_not_found");
      return db.transaction(() => {
        const previous = db
          .select({ id: invitations.id })
          .from(invitations)
          .where(and(eq(invitations.purpose, "hearing_party"), eq(invitations.scopeId, hearingId), eq(invitations.subjectId, partyId), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
          .all();
        if (previous.length) db.update(invitations).set({ revokedAt: clock.now() }).where(inArray(invitations.id, previous.map((p) => p.id))).run();
        const inv = invitationService.issue({
          purpose: "hearing_party",
          scopeId: hearingId,
          subjectId: partyId,
          label: `${sideLabel(party.position)} ${party.name}`,
          createdBy: user.id,
        });
        ledger.append("hearing", hearingId, "party_invited", mediatorActor(user), { side: sideLabel(party.position) });
        return { token: inv.token, expiresAt: inv.expiresAt };
      });
    },

    /**
     * Each party's latest invitation for the chair's console (issue 14: the link's status, not only
     * the last one generated): none yet, sent and unused, used, revoked or expired. The link itself is
     * shown only when generated (only its hash is stored).
     */
    partyInvitations(principal: Principal, hearingId: number) {
      const hearing = loadHearing(db, hearingId);
      requirePermission(principal, "manage:hearing:own", hearing.communityId);
      const now = clock.now();
      const all = db
        .select()
        .from(invitations)
        .where(and(eq(invitations.purpose, "hearing_party"), eq(invitations.scopeId, hearingId)))
        .orderBy(desc(invitations.createdAt))
        .all();
      return this.parties(hearingId).map((party) => {
        const latest = all.find((i) => i.subjectId === party.id);
        const status = !latest ? "none" : latest.usedAt ? "used" : latest.revokedAt ? "revoked" : latest.expiresAt <= now ? "expired" : "unused";
        return { partyId: party.id, status, issuedAt: latest?.createdAt.toISOString() ?? null, usedAt: latest?.usedAt?.toISOString() ?? null } as const;
      });
    },

    parties(hearingId: number) {
      return db.select().from(hearingParties).where(eq(hearingParties.hearingId, hearingId)).orderBy(asc(hearingParties.position)).all();
    },

    listForCommunities(communityIds: number[]): Hearing[] {
      if (communityIds.length === 0) return [];
      return db.select().from(hearings).where(inArray(hearings.communityId, communityIds)).orderBy(desc(hearings.scheduledAt)).all();
    },

    /** Hearings on whose panel the user sits (as juror or alternate), newest first. */
    listForJuror(userId: number) {
      return db
        .select({ hearing: hearings, role: panelSeats.role, status: panelSeats.status })
        .from(panelSeats)
        .innerJoin(hearings, eq(hearings.id, panelSeats.hearingId))
        .innerJoin(representatives, eq(representatives.id, panelSeats.representativeId))
        .where(eq(representatives.userId, userId))
        .orderBy(desc(hearings.scheduledAt))
        .all();
    },

    /** Hearings the public may see: announced onwards, not drafts. */
    listPublic(): Hearing[] {
      return db
        .select()
        .from(hearings)
        .where(inArray(hearings.status, ["announced", "drawing", "live", "closed", "published"]))
        .orderBy(desc(hearings.scheduledAt))
        .all();
    },
  };
}
