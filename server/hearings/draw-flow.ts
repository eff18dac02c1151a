import { and, asc, count, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { challenges, drawCommitments, drawOpenings, draws, hearingParties, hearings, ledgerEntries, panelSeats } from "../../db/schema";
import { completeDraw, openDraw, recordChallenge, seatedPanel, type OpenedDraw } from "../draw/draw";
import { LeximinTimeoutError } from "../draw/leximin";
import { normaliseExternal, partyCommitment } from "../draw/protocol";
import { findQuotaConflicts, InfeasibleQuotasError, quotaCategories, quotaLabel } from "../draw/quotas";
import { externalSourceSchema, type DrawRecord } from "../draw/record";
import type { PoolMember, Quota } from "../draw/types";
import { newSecret } from "../draw/seed";
import { NoValidReplacementError } from "../draw/select";
import type { Principal } from "../auth/principal";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import type { LedgerService } from "../ledger/ledger";
import type { LiveHub } from "../live/hub";
import { hearingRooms, loadHearing, requireChair, requireParty, roleIn, type Hearing } from "./access";

/** A member of the frozen snapshot; `representativeId` never leaves the server. */
export type SnapshotMember = { id: string; features: Record<string, string>; representativeId: number };

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, "expected 64 lowercase hex digits");
export const OpenDrawInput = z.object({
  hearingId: z.number().int().positive(),
  manualExclusions: z.array(z.object({ representativeId: z.number().int().positive(), reason: z.string().trim().min(2).max(200) })).max(100).default([]),
  /** The public random value to be added, named now ("福彩3D 第2026123期开奖号码"); none if null. */
  external: externalSourceSchema.nullable().default(null),
  revealMinutes: z.number().int().min(1).max(24 * 60).default(15),
  /** Required when this opening supersedes an earlier one: the public reason. */
  reason: z.string().trim().min(2).max(200).optional(),
});
export const CommitInput = z.object({ hearingId: z.number().int().positive(), commitment: hex64 });
export const RevealInput = z.object({ hearingId: z.number().int().positive(), value: z.string().min(1).max(200), salt: hex64 });
export const ExternalInput = z.object({ hearingId: z.number().int().positive(), value: z.string().trim().min(1).max(200) });
export const ChallengeInput = z.object({ hearingId: z.number().int().positive(), juror: z.string().min(1).max(40), reason: z.string().trim().min(2).max(500) });

/** What the draw needs from the representative pool (server/pool/eligibility.ts provides it). */
export type PoolEligibility = {
  eligiblePool(input: {
    communityId: number;
    hearingId: number;
    opening: number;
    hearingDate: Date;
    parties: { id: number; name: string; representativeId: number | null; unitId: number | null }[];
    manualExclusions: { representativeId: number; reason: string }[];
  }): {
    members: { id: string; representativeId: number; features: Record<string, string> }[];
    exclusions: { id: string; representativeId: number; reason: string; note?: string }[];
  };
};

type Deps = { db: Db; clock: Clock; ledger: LedgerService; live: LiveHub; pool: PoolEligibility };
type OpeningRow = typeof drawOpenings.$inferSelect;

/** The hearing's LEXIMIN at opening: a larger pool than this within the hearing's 30 s is refused before contributions open. */
const LEXIMIN_SECONDS = 30;

/**
 * The hearing's side of draw protocol v2 (docs/draw-spec.md, docs/decisions/006-issue11-draw-protocol-v2.md):
 *  open    — the chair freezes the pool, LEXIMIN computes the lottery, the opening (with its hash) is published;
 *  commit  — each party's device sends SHA-256(openingHash:salt:value); nothing is revealed before all are in;
 *  reveal  — once all have committed, each party reveals value and salt within the window;
 *  external— the chair enters the value named at opening, once, in the named form;
 *  draw    — the secret is revealed and the panel drawn; a party that did not reveal contributes its commitment.
 * The arithmetic lives in server/draw.
 */
export function createDrawFlow({ db, clock, ledger, live, pool }: Deps) {
  const current = (hearingId: number): OpeningRow | undefined =>
    db.select().from(drawOpenings).where(eq(drawOpenings.hearingId, hearingId)).orderBy(asc(drawOpenings.number)).all().at(-1);
  const commitmentsOf = (openingId: number) =>
    db.select().from(drawCommitments).where(eq(drawCommitments.openingId, openingId)).orderBy(asc(drawCommitments.id)).all();
  const partyBy = (partyId: number) => `party:${partyId}`;
  const recordOf = (hearingId: number) => (db.select({ record: draws.record }).from(draws).where(eq(draws.hearingId, hearingId)).get()?.record as DrawRecord | undefined) ?? null;
  const priorOpenings = (hearingId: number, before: number) =>
    db
      .select()
      .from(drawOpenings)
      .where(eq(drawOpenings.hearingId, hearingId))
      .orderBy(asc(drawOpenings.number))
      .all()
      .filter((o) => o.number < before)
      .map((o) => ({ number: o.number, openingHash: o.openingHash, reason: o.supersededReason ?? "" }));

  /** The hearing log's chain head (seq and hash), shown beside the draw so any copy can be compared. */
  const logHead = (hearingId: number) =>
    db
      .select({ seq: ledgerEntries.seq, hash: ledgerEntries.hash })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.scope, "hearing"), eq(ledgerEntries.scopeId, hearingId)))
      .orderBy(desc(ledgerEntries.seq))
      .limit(1)
      .get() ?? null;

  function publicState(hearingId: number) {
    const o = current(hearingId);
    if (!o) return null;
    const opened = o.opened as unknown as OpenedDraw;
    const rows = commitmentsOf(o.id);
    const contributors = opened.opening.contributors.map((by) => {
      const c = rows.find((r) => r.by === by);
      return {
        by,
        commitment: c?.commitment ?? null,
        committedAt: c?.committedAt.toISOString() ?? null,
        revealed: c?.value != null,
        value: c?.value ?? null,
      };
    });
    return {
      status: o.status === "committing" || o.status === "revealing" ? ("collecting" as const) : ("drawn" as const),
      stage: o.status as "committing" | "revealing" | "drawn",
      number: o.number,
      openingHash: o.openingHash,
      priorOpenings: priorOpenings(hearingId, o.number),
      commitment: opened.opening.commitment,
      snapshotHash: opened.opening.snapshotHash,
      exclusionsHash: opened.opening.exclusionsHash,
      lotteryHash: opened.opening.lotteryHash,
      lotteryPanels: opened.lottery.panels.length,
      k: opened.opening.k,
      alternatesCount: opened.opening.alternatesCount,
      algorithm: opened.opening.algorithm,
      eligibleCount: opened.snapshot.length,
      exclusions: opened.exclusions,
      externalSource: opened.opening.external,
      external: o.external,
      revealDeadline: o.revealDeadline?.toISOString() ?? null,
      contributors,
      /** Revealed values, for the panel's list. */
      contributions: contributors.filter((c) => c.revealed).map((c) => ({ by: c.by, value: c.value as string })),
      logHead: logHead(hearingId),
      record: o.status === "drawn" ? recordOf(hearingId) : null,
    };
  }

  function broadcast(hearingId: number) {
    live.emit(hearingRooms.public(hearingId), "draw:state", publicState(hearingId));
  }

  /** The current opening in one of `stages`, else a clear refusal. */
  function openingIn(hearing: Hearing, stages: OpeningRow["status"][], code: string): OpeningRow {
    const o = current(hearing.id);
    if (hearing.status !== "drawing" || !o || !stages.includes(o.status)) throw new DomainError(code, { stage: o?.status ?? "none" });
    return o;
  }

  return {
    publicState,

    /**
     * Freezes the eligible pool, computes the LEXIMIN lottery, commits to the office secret and publishes
     * the opening. Everything that decides the outcome is fixed here; a failure (infeasible quotas, a
     * solve beyond the limit) is reported now, before any party has committed. Calling it again before
     * the draw supersedes the current opening, with a public reason.
     */
    async open(principal: Principal, input: z.input<typeof OpenDrawInput>) {
      const data = OpenDrawInput.parse(input);
      const hearing = loadHearing(db, data.hearingId);
      const user = requireChair(roleIn(db, hearing, principal));
      const previous = current(hearing.id);
      if (hearing.status === "drawing") {
        if (!previous || previous.status === "drawn") throw new DomainError("wrong_status", { status: "drawn" });
        if (!data.reason) throw new DomainError("reopen_reason_required");
      } else if (hearing.status !== "announced") throw new DomainError("wrong_status", { status: hearing.status });
      const number = (previous?.number ?? 0) + 1;
      const parties = db.select().from(hearingParties).where(eq(hearingParties.hearingId, hearing.id)).orderBy(asc(hearingParties.id)).all();
      const eligibility = pool.eligiblePool({
        communityId: hearing.communityId,
        hearingId: hearing.id,
        opening: number,
        hearingDate: hearing.scheduledAt,
        parties: parties.map((p) => ({ id: p.id, name: p.name, representativeId: p.representativeId, unitId: p.unitId })),
        manualExclusions: data.manualExclusions,
      });
      const members = eligibility.members.map((m) => ({ id: m.id, features: m.features }));
      // Quotas as the mediator set them, completed per opening (a re-opening may see other features).
      const baseQuotas = hearing.quotas.filter((q) => !(q.min === 0 && q.max === hearing.panelSize && previous));
      const quotas = completeQuotas(previous ? baseQuotas : hearing.quotas, members, hearing.panelSize);
      if (members.length < hearing.panelSize + hearing.alternatesCount)
        throw new DomainError("pool_too_small", { eligible: members.length, needed: hearing.panelSize + hearing.alternatesCount });
      const conflicts = findQuotaConflicts(members, quotas, hearing.panelSize);
      if (conflicts.length) throw new DomainError("quotas_infeasible", { conflicts: conflicts.map((c) => c.reason).join("；") });
      const secret = newSecret();
      let opened: OpenedDraw;
      try {
        opened = await openDraw({
          pool: members,
          exclusions: eligibility.exclusions.map((e) => ({ id: e.id, reason: e.reason })),
          quotas,
          k: hearing.panelSize,
          alternatesCount: hearing.alternatesCount,
          scope: `hearing:${hearing.id}`,
          number,
          supersedes: previous?.openingHash ?? null,
          contributors: parties.map((p) => partyBy(p.id)),
          external: data.external,
          revealSeconds: data.revealMinutes * 60,
          secret,
          leximin: { maxSeconds: LEXIMIN_SECONDS },
        });
      } catch (err) {
        if (err instanceof LeximinTimeoutError) throw new DomainError("draw_timeout");
        if (err instanceof InfeasibleQuotasError)
          throw new DomainError("quotas_infeasible", { conflicts: err.conflicts.map((c) => c.quotas.map(quotaLabel).join(", ") || c.reason).join("；") });
        throw err;
      }
      const identities = Object.fromEntries([...eligibility.members, ...eligibility.exclusions].map((m) => [m.id, m.representativeId]));
      const snapshot: SnapshotMember[] = opened.snapshot.map((m) => ({ ...m, representativeId: identities[m.id] }));

      db.transaction(() => {
        const fresh = current(hearing.id);
        if ((fresh?.id ?? null) !== (previous?.id ?? null) || loadHearing(db, hearing.id).status !== hearing.status)
          throw new DomainError("wrong_status", { status: "changed" });
        if (previous) {
          db.update(drawOpenings).set({ status: "superseded", supersededReason: data.reason ?? "" }).where(eq(drawOpenings.id, previous.id)).run();
          db.delete(draws).where(eq(draws.hearingId, hearing.id)).run();
        }
        db.insert(drawOpenings)
          .values({
            hearingId: hearing.id,
            number,
            status: "committing",
            secret,
            openingHash: opened.openingHash,
            opened: opened as unknown as Record<string, unknown>,
            identities,
            createdAt: clock.now(),
          })
          .run();
        // The hearing views read the snapshot (pseudonym ↔ seat) and the record from `draws`.
        db.insert(draws)
          .values({
            hearingId: hearing.id,
            status: "collecting",
            secret,
            commitment: opened.opening.commitment,
            snapshot,
            snapshotHash: opened.opening.snapshotHash,
            exclusions: opened.exclusions,
            openedAt: clock.now(),
          })
          .run();
        db.update(hearings).set({ status: "drawing", quotas }).where(eq(hearings.id, hearing.id)).run();
        ledger.append("hearing", hearing.id, "draw_opened", { kind: "mediator", id: user.id, name: user.displayName }, {
          openingHash: opened.openingHash,
          ...opened.opening,
          ...(previous ? { supersededReason: data.reason } : {}),
          exclusions: opened.exclusions,
        });
      });
      if (!previous) live.emit(hearingRooms.public(hearing.id), "hearing:status", { status: "drawing" });
      broadcast(hearing.id);
      return publicState(hearing.id)!;
    },

    /** A party's commitment, computed on its device; accepted once, only while commitments are open. */
    commit(principal: Principal, input: z.input<typeof CommitInput>) {
      const data = CommitInput.parse(input);
      const hearing = loadHearing(db, data.hearingId);
      const partyId = requireParty(roleIn(db, hearing, principal));
      const by = partyBy(partyId);
      db.transaction(() => {
        const o = openingIn(hearing, ["committing"], "commitments_closed");
        const opened = o.opened as unknown as OpenedDraw;
        if (!opened.opening.contributors.includes(by)) throw new DomainError("not_a_contributor");
        if (commitmentsOf(o.id).some((c) => c.by === by)) throw new DomainError("already_committed");
        db.insert(drawCommitments).values({ openingId: o.id, by, commitment: data.commitment, committedAt: clock.now() }).run();
        ledger.append("hearing", hearing.id, "draw_committed", { kind: "party", id: partyId }, { openingHash: o.openingHash, by, commitment: data.commitment });
        if (commitmentsOf(o.id).length === opened.opening.contributors.length) {
          // The last commitment closes commitments and opens the reveal window.
          const deadline = new Date(clock.now().getTime() + opened.opening.revealSeconds * 1000);
          db.update(drawOpenings).set({ status: "revealing", revealDeadline: deadline }).where(eq(drawOpenings.id, o.id)).run();
          ledger.append("hearing", hearing.id, "draw_commitments_closed", { kind: "system" }, { openingHash: o.openingHash, revealDeadline: deadline.toISOString() });
        }
      });
      broadcast(hearing.id);
      return publicState(hearing.id)!;
    },

    /** A party's value and salt; must match its commitment. A mismatch changes nothing and may be retried in the window. */
    async reveal(principal: Principal, input: z.input<typeof RevealInput>) {
      const data = RevealInput.parse(input);
      const hearing = loadHearing(db, data.hearingId);
      const partyId = requireParty(roleIn(db, hearing, principal));
      const by = partyBy(partyId);
      const o = openingIn(hearing, ["revealing"], current(hearing.id)?.status === "committing" ? "commitments_pending" : "reveals_closed");
      if (o.revealDeadline && clock.now() > o.revealDeadline) throw new DomainError("reveal_window_closed");
      const mine = commitmentsOf(o.id).find((c) => c.by === by);
      if (!mine) throw new DomainError("not_a_contributor");
      if (mine.value !== null) throw new DomainError("already_revealed");
      if ((await partyCommitment(o.openingHash, data.salt, data.value)) !== mine.commitment) throw new DomainError("reveal_mismatch");
      db.transaction(() => {
        const fresh = openingIn(hearing, ["revealing"], "reveals_closed");
        if (fresh.id !== o.id) throw new DomainError("reveals_closed");
        const row = commitmentsOf(o.id).find((c) => c.by === by);
        if (row?.value !== null) throw new DomainError("already_revealed");
        db.update(drawCommitments).set({ value: data.value, salt: data.salt, revealedAt: clock.now() }).where(eq(drawCommitments.id, mine.id)).run();
        ledger.append("hearing", hearing.id, "draw_revealed", { kind: "party", id: partyId }, { openingHash: o.openingHash, by, value: data.value, salt: data.salt });
      });
      broadcast(hearing.id);
      return publicState(hearing.id)!;
    },

    /** The external value named at opening, entered once after every commitment is in, in the named form. */
    addExternal(principal: Principal, input: z.input<typeof ExternalInput>) {
      const data = ExternalInput.parse(input);
      const hearing = loadHearing(db, data.hearingId);
      const user = requireChair(roleIn(db, hearing, principal));
      db.transaction(() => {
        const o = openingIn(hearing, ["revealing"], current(hearing.id)?.status === "committing" ? "commitments_pending" : "reveals_closed");
        const source = (o.opened as unknown as OpenedDraw).opening.external;
        if (!source) throw new DomainError("external_not_named");
        if (o.external !== null) throw new DomainError("external_already_entered");
        const value = normaliseExternal(source, data.value);
        if (value === undefined) throw new DomainError("external_wrong_form", { source: source.source, digits: source.digits, alphabet: source.alphabet });
        db.update(drawOpenings).set({ external: value }).where(eq(drawOpenings.id, o.id)).run();
        ledger.append("hearing", hearing.id, "draw_external", { kind: "mediator", id: user.id, name: user.displayName }, { openingHash: o.openingHash, source: source.source, value });
      });
      broadcast(hearing.id);
      return publicState(hearing.id)!;
    },

    /** Reveals the secret, draws the panel and seats jurors and alternates: once every party revealed or the window closed. */
    async draw(principal: Principal, hearingId: number) {
      const hearing = loadHearing(db, hearingId);
      const user = requireChair(roleIn(db, hearing, principal));
      const o = openingIn(hearing, ["revealing"], current(hearingId)?.status === "committing" ? "commitments_pending" : "wrong_status");
      const opened = o.opened as unknown as OpenedDraw;
      const rows = commitmentsOf(o.id);
      const windowOpen = !o.revealDeadline || clock.now() <= o.revealDeadline;
      const unrevealed = rows.filter((r) => r.value === null);
      if (unrevealed.length && windowOpen) throw new DomainError("reveals_pending", { parties: unrevealed.length, until: o.revealDeadline?.toISOString() });
      if (opened.opening.external && o.external === null) throw new DomainError("external_missing", { source: opened.opening.external.source });
      const record = await completeDraw({
        opened,
        priorOpenings: priorOpenings(hearingId, o.number),
        commitments: rows.map((r) => ({ by: r.by, commitment: r.commitment })),
        reveals: rows.flatMap((r) => (r.value !== null && r.salt !== null ? [{ by: r.by, value: r.value, salt: r.salt }] : [])),
        external: o.external,
        secret: o.secret,
      });
      const snapshot = db.select({ snapshot: draws.snapshot }).from(draws).where(eq(draws.hearingId, hearingId)).get()!.snapshot;
      db.transaction(() => {
        const fresh = current(hearingId);
        if (!fresh || fresh.id !== o.id || fresh.status !== "revealing") throw new DomainError("wrong_status", { status: fresh?.status ?? "none" });
        db.update(drawOpenings).set({ status: "drawn", drawnAt: clock.now() }).where(eq(drawOpenings.id, o.id)).run();
        db.update(draws).set({ status: "drawn", record: record as unknown as Record<string, unknown>, drawnAt: clock.now() }).where(eq(draws.hearingId, hearingId)).run();
        writeSeats(hearing, record, snapshot);
        ledger.append("hearing", hearingId, "panel_drawn", { kind: "mediator", id: user.id, name: user.displayName }, {
          openingHash: record.openingHash,
          secret: record.secret,
          notRevealed: record.reveals.filter((r) => r.value === null).map((r) => r.by),
          seed: record.seed,
          ticket: record.ticket,
          panel: record.panel,
          alternates: record.alternates.slice(0, hearing.alternatesCount),
        });
      });
      broadcast(hearingId);
      return publicState(hearingId)!;
    },

    /** 申请回避: a party strikes a juror, up to the configured number; the replacement rule picks the alternate. */
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
      const d = db.select().from(draws).where(eq(draws.hearingId, hearing.id)).get();
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

    /** The published draw record (for the verifiers), once drawn. */
    record(hearingId: number): DrawRecord | null {
      const o = current(hearingId);
      return o?.status === "drawn" ? recordOf(hearingId) : null;
    },

    /** How many times this hearing's draw was opened (public). */
    openings(hearingId: number): number {
      return db.select({ n: count() }).from(drawOpenings).where(eq(drawOpenings.hearingId, hearingId)).get()?.n ?? 0;
    },

    /**
     * A resident's check that they were in an opening's pool: their pseudonym for that opening, and
     * whether it is in the snapshot or the exclusions (reason category only). Only the server can
     * compute the pseudonym, so the answer goes to the resident's own session.
     */
    poolStatus(hearingId: number, representativeId: number) {
      const o = current(hearingId);
      if (!o) return null;
      const opened = o.opened as unknown as OpenedDraw;
      const id = Object.entries(o.identities).find(([, rep]) => rep === representativeId)?.[0];
      if (!id) return { openingHash: o.openingHash, id: null, inSnapshot: false, exclusion: null };
      return {
        openingHash: o.openingHash,
        id,
        inSnapshot: opened.snapshot.some((m) => m.id === id),
        exclusion: opened.exclusions.find((e) => e.id === id)?.reason ?? null,
      };
    },
  };

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
