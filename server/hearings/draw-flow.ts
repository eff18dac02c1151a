import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { challenges, drawContributions, draws, hearingParties, hearings, panelSeats } from "../../db/schema";
import { recordChallenge, runDraw, seatedPanel } from "../draw/draw";
import { LeximinTimeoutError } from "../draw/leximin";
import { findQuotaConflicts, InfeasibleQuotasError, quotaCategories, quotaLabel } from "../draw/quotas";
import type { PoolMember, Quota } from "../draw/types";
import type { DrawRecord } from "../draw/record";
import { commitment as commitmentOf, newSecret, snapshotHash } from "../draw/seed";
import { NoValidReplacementError } from "../draw/select";
import type { Principal } from "../auth/principal";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import type { LedgerService } from "../ledger/ledger";
import type { LiveHub } from "../live/hub";
import { hearingRooms, loadHearing, requireChair, requireParty, roleIn, type Hearing } from "./access";
import { sideLabel } from "./masking";

/** A member of the frozen snapshot; `representativeId` never leaves the server. */
export type SnapshotMember = { id: string; features: Record<string, string>; representativeId: number };

export const OpenDrawInput = z.object({
  hearingId: z.number().int().positive(),
  manualExclusions: z.array(z.object({ representativeId: z.number().int().positive(), reason: z.string().trim().min(2).max(200) })).max(100).default([]),
});
export const ContributeInput = z.object({ hearingId: z.number().int().positive(), value: z.string().trim().min(1).max(200) });
export const ChallengeInput = z.object({ hearingId: z.number().int().positive(), juror: z.string().min(1).max(40), reason: z.string().trim().min(2).max(500) });

/** What the draw needs from the representative pool (server/pool/eligibility.ts provides it). */
export type PoolEligibility = {
  eligiblePool(input: {
    communityId: number;
    hearingId: number;
    hearingDate: Date;
    parties: { id: number; name: string; representativeId: number | null; unitId: number | null }[];
    manualExclusions: { representativeId: number; reason: string }[];
  }): {
    members: { id: string; representativeId: number; features: Record<string, string> }[];
    exclusions: { id: string; representativeId: number; reason: string; note?: string }[];
  };
};

type Deps = { db: Db; clock: Clock; ledger: LedgerService; live: LiveHub; pool: PoolEligibility };

/**
 * The hearing's side of the verifiable draw (DESIGN.md §4, docs/decisions/002-leximin-draw.md):
 * freeze the eligible pool and publish the server's commitment; collect the parties' contributions;
 * reveal the secret and draw; challenges and replacements. The arithmetic lives in server/draw.
 */
export function createDrawFlow({ db, clock, ledger, live, pool }: Deps) {
  const drawRow = (hearingId: number) => db.select().from(draws).where(eq(draws.hearingId, hearingId)).get();
  const partyBy = (partyId: number) => `party:${partyId}`;

  function publicState(hearingId: number) {
    const d = drawRow(hearingId);
    if (!d) return null;
    const contributions = db
      .select({ by: drawContributions.by, value: drawContributions.value, at: drawContributions.createdAt })
      .from(drawContributions)
      .where(eq(drawContributions.hearingId, hearingId))
      .orderBy(asc(drawContributions.id))
      .all();
    return {
      status: d.status,
      commitment: d.commitment,
      snapshotHash: d.snapshotHash,
      eligibleCount: d.snapshot.length,
      exclusions: d.exclusions.map((e) => ({ id: e.id, reason: e.reason })),
      contributions: contributions.map((c) => ({ by: c.by, value: c.value, at: c.at.toISOString() })),
      record: d.record ?? null,
    };
  }

  function broadcast(hearingId: number) {
    live.emit(hearingRooms.public(hearingId), "draw:state", publicState(hearingId));
  }

  return {
    publicState,

    /** Freezes the eligible pool, checks the quotas can be met, and publishes the commitment. */
    async open(principal: Principal, input: z.input<typeof OpenDrawInput>) {
      const data = OpenDrawInput.parse(input);
      const hearing = loadHearing(db, data.hearingId);
      const user = requireChair(roleIn(db, hearing, principal));
      if (hearing.status !== "announced") throw new DomainError("wrong_status", { status: hearing.status });
      const parties = db.select().from(hearingParties).where(eq(hearingParties.hearingId, hearing.id)).all();
      const eligibility = pool.eligiblePool({
        communityId: hearing.communityId,
        hearingId: hearing.id,
        hearingDate: hearing.scheduledAt,
        parties: parties.map((p) => ({ id: p.id, name: p.name, representativeId: p.representativeId, unitId: p.unitId })),
        manualExclusions: data.manualExclusions,
      });
      // Canonical order (by pseudonym, as server/draw/seed.ts orders it), keeping the private id beside each.
      const members: SnapshotMember[] = [...eligibility.members].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const publicMembers = members.map((m) => ({ id: m.id, features: m.features }));
      const quotas = completeQuotas(hearing.quotas, publicMembers, hearing.panelSize);
      const conflicts = findQuotaConflicts(publicMembers, quotas, hearing.panelSize);
      if (members.length < hearing.panelSize + hearing.alternatesCount)
        throw new DomainError("pool_too_small", { eligible: members.length, needed: hearing.panelSize + hearing.alternatesCount });
      if (conflicts.length) throw new DomainError("quotas_infeasible", { conflicts: conflicts.map((c) => c.reason).join("；") });
      const secret = newSecret();
      const [hash, commitment] = await Promise.all([snapshotHash(publicMembers), commitmentOf(secret)]);
      const exclusions = eligibility.exclusions.map((e) => ({ id: e.id, reason: e.reason, note: e.note }));

      db.transaction(() => {
        const fresh = loadHearing(db, hearing.id);
        if (fresh.status !== "announced") throw new DomainError("wrong_status", { status: fresh.status });
        db.insert(draws)
          .values({ hearingId: hearing.id, status: "collecting", secret, commitment, snapshot: members, snapshotHash: hash, exclusions, openedAt: clock.now() })
          .run();
        db.update(hearings).set({ status: "drawing", quotas }).where(eq(hearings.id, hearing.id)).run();
        ledger.append("hearing", hearing.id, "draw_opened", { kind: "mediator", id: user.id, name: user.displayName }, {
          snapshotHash: hash,
          eligible: members.length,
          exclusions: exclusions.map((e) => ({ id: e.id, reason: e.reason })),
          quotas,
          k: hearing.panelSize,
          commitment,
        });
      });
      live.emit(hearingRooms.public(hearing.id), "hearing:status", { status: "drawing" });
      broadcast(hearing.id);
      return publicState(hearing.id)!;
    },

    /** A party's value (a phrase, or dice rolled in the hall), accepted once and only before the reveal. */
    contribute(principal: Principal, input: z.input<typeof ContributeInput>) {
      const data = ContributeInput.parse(input);
      const hearing = loadHearing(db, data.hearingId);
      const partyId = requireParty(roleIn(db, hearing, principal));
      addContribution(hearing, partyBy(partyId), data.value, { kind: "party", id: partyId });
      return publicState(hearing.id)!;
    },

    /** An optional public external value (e.g. a lottery number), entered by the chair. */
    addExternal(principal: Principal, input: z.input<typeof ContributeInput>) {
      const data = ContributeInput.parse(input);
      const hearing = loadHearing(db, data.hearingId);
      const user = requireChair(roleIn(db, hearing, principal));
      addContribution(hearing, "external", data.value, { kind: "mediator", id: user.id, name: user.displayName });
      return publicState(hearing.id)!;
    },

    /** Closes contributions, reveals the secret, draws the panel and seats jurors and alternates. */
    async draw(principal: Principal, hearingId: number) {
      const hearing = loadHearing(db, hearingId);
      const user = requireChair(roleIn(db, hearing, principal));
      const d = drawRow(hearingId);
      if (hearing.status !== "drawing" || !d || d.status !== "collecting") throw new DomainError("wrong_status", { status: hearing.status });
      const parties = db.select().from(hearingParties).where(eq(hearingParties.hearingId, hearingId)).all();
      const contributions = db.select().from(drawContributions).where(eq(drawContributions.hearingId, hearingId)).orderBy(asc(drawContributions.id)).all();
      const missing = parties.filter((p) => !contributions.some((c) => c.by === partyBy(p.id)));
      if (missing.length) throw new DomainError("contributions_missing", { parties: missing.map((p) => sideLabel(p.position)).join("、") });

      let record: DrawRecord;
      try {
        record = await runDraw({
          pool: d.snapshot.map((m) => ({ id: m.id, features: m.features })),
          // A pool of a few dozen and category quotas solve in well under a second; the bound keeps a
          // pathological configuration from holding the chair's console for minutes.
          leximin: { maxSeconds: 30 },
          exclusions: d.exclusions.map((e) => ({ id: e.id, reason: e.reason })),
          quotas: hearing.quotas,
          k: hearing.panelSize,
          alternatesCount: hearing.alternatesCount,
          contributions: contributions.map((c) => ({ by: c.by, value: c.value })),
          secret: d.secret,
        });
      } catch (err) {
        if (err instanceof LeximinTimeoutError) throw new DomainError("draw_timeout");
        if (err instanceof InfeasibleQuotasError) throw new DomainError("quotas_infeasible", { conflicts: err.conflicts.map((c) => c.quotas.map(quotaLabel).join(", ") || c.reason).join("；") });
        throw err;
      }

      db.transaction(() => {
        const fresh = drawRow(hearingId);
        if (!fresh || fresh.status !== "collecting") throw new DomainError("wrong_status", { status: "drawn" });
        db.update(draws).set({ status: "drawn", record: record as unknown as Record<string, unknown>, drawnAt: clock.now() }).where(eq(draws.hearingId, hearingId)).run();
        writeSeats(hearing, record, d.snapshot);
        ledger.append("hearing", hearingId, "panel_drawn", { kind: "mediator", id: user.id, name: user.displayName }, {
          secret: record.secret,
          seed: record.seed,
          panelIndex: record.panelIndex,
          panel: record.panel,
          alternates: record.alternates.slice(0, hearing.alternatesCount),
          algorithm: record.algorithm,
        });
      });
      broadcast(hearingId);
      return publicState(hearingId)!;
    },

    /** 申请回避: a party strikes a juror, up to the configured number; the next quota-keeping alternate sits. */
    challenge(principal: Principal, input: z.input<typeof ChallengeInput>) {
      const data = ChallengeInput.parse(input);
      const hearing = loadHearing(db, data.hearingId);
      const partyId = requireParty(roleIn(db, hearing, principal));
      return this.replaceChallenged(hearing.id, partyId, data);
    },

    /**
     * Applies a challenge the mediator granted (server/hearings/challenges.ts decides; issue 14):
     * the draw's replacement rule seats the next quota-keeping alternate.
     */
    replaceChallenged(hearingId: number, partyId: number, data: { juror: string; reason: string }) {
      const hearing = loadHearing(db, hearingId);
      const d = drawRow(hearing.id);
      if (hearing.status !== "drawing" || !d || d.status !== "drawn" || !d.record) throw new DomainError("wrong_phase");
      const record = d.record as unknown as DrawRecord;
      if (!seatedPanel(record).includes(data.juror)) throw new DomainError("not_a_juror");
      const used = record.challenges.filter((c) => c.by === partyBy(partyId)).length;
      if (used >= hearing.challengesPerParty) throw new DomainError("challenge_limit", { limit: hearing.challengesPerParty });
      let next: DrawRecord;
      try {
        next = recordChallenge(record, { by: partyBy(partyId), juror: data.juror, reason: data.reason });
      } catch (err) {
        if (err instanceof NoValidReplacementError) throw new DomainError("no_replacement");
        throw err;
      }
      const snapshot = d.snapshot;
      const repOf = (id: string) => snapshot.find((m) => m.id === id)!.representativeId;
      const replacement = next.challenges[next.challenges.length - 1].replacement;
      db.transaction(() => {
        db.update(draws).set({ record: next as unknown as Record<string, unknown> }).where(eq(draws.hearingId, hearing.id)).run();
        db.insert(challenges)
          .values({ hearingId: hearing.id, partyId, representativeId: repOf(data.juror), reason: data.reason, replacementId: repOf(replacement), createdAt: clock.now() })
          .run();
        db.delete(panelSeats).where(eq(panelSeats.hearingId, hearing.id)).run();
        writeSeats(hearing, next, snapshot);
        ledger.append("hearing", hearing.id, "juror_challenged", { kind: "party", id: partyId }, { juror: data.juror, reason: data.reason, replacement });
      });
      broadcast(hearing.id);
      return publicState(hearing.id)!;
    },

    /** The published draw record (for the verifier), once drawn. */
    record(hearingId: number): DrawRecord | null {
      return (drawRow(hearingId)?.record as unknown as DrawRecord | undefined) ?? null;
    },
  };

  function addContribution(hearing: Hearing, by: string, value: string, actor: { kind: "party" | "mediator"; id: number; name?: string }) {
    db.transaction(() => {
      const d = drawRow(hearing.id);
      if (hearing.status !== "drawing" || !d || d.status !== "collecting") throw new DomainError("contributions_closed");
      const exists = db.select().from(drawContributions).where(and(eq(drawContributions.hearingId, hearing.id), eq(drawContributions.by, by))).get();
      if (exists) throw new DomainError("already_contributed");
      db.insert(drawContributions).values({ hearingId: hearing.id, by, value, createdAt: clock.now() }).run();
      ledger.append("hearing", hearing.id, "draw_contribution", actor, { by, value });
    });
    broadcast(hearing.id);
  }

  /** Seats the panel as it stands after challenges, and the first alternates in draw order. */
  function writeSeats(hearing: Hearing, record: DrawRecord, snapshot: SnapshotMember[]) {
    const repOf = new Map(snapshot.map((m) => [m.id, m.representativeId]));
    const panel = seatedPanel(record);
    const struck = new Set(record.challenges.map((c) => c.juror));
    const alternates = record.alternates.filter((id) => !panel.includes(id) && !struck.has(id)).slice(0, hearing.alternatesCount);
    panel.forEach((id, position) => db.insert(panelSeats).values({ hearingId: hearing.id, representativeId: repOf.get(id)!, role: "juror", position }).run());
    alternates.forEach((id, position) => db.insert(panelSeats).values({ hearingId: hearing.id, representativeId: repOf.get(id)!, role: "alternate", position }).run());
    for (const id of struck) db.insert(panelSeats).values({ hearingId: hearing.id, representativeId: repOf.get(id)!, role: "juror", position: -1, status: "challenged" }).run();
  }
}

/**
 * The draw needs, in every category that has quotas, a quota for every feature present in the pool.
 * A mediator sets only the limits they care about ("at least one elder"); the rest are open (0..k).
 */
export function completeQuotas(quotas: Quota[], members: PoolMember[], k: number): Quota[] {
  const complete = [...quotas];
  for (const category of quotaCategories(quotas)) {
    const present = new Set(members.map((m) => m.features[category]).filter((v): v is string => v !== undefined));
    for (const feature of present)
      if (!complete.some((q) => q.category === category && q.feature === feature)) complete.push({ category, feature, min: 0, max: k });
  }
  return complete;
}
