import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { exhibitOpinions, exhibits, hearingParties, ledgerEntries } from "../../db/schema";
import type { Principal } from "../auth/principal";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import type { LedgerService } from "../ledger/ledger";
import type { LiveHub } from "../live/hub";
import { hearingRooms, loadHearing, requireChair, requireParty, roleIn } from "./access";
import type { StoredFile } from "./exhibit-store";
import { sideLabel } from "./masking";

const id = z.number().int().positive();
export const ExhibitMeta = z.object({ hearingId: id, title: z.string().trim().min(1).max(120), visibility: z.enum(["panel", "public"]).default("panel") });
export const RuleOnExhibitInput = z.discriminatedUnion("decision", [
  z.object({ hearingId: id, exhibitId: id, decision: z.literal("admit") }),
  z.object({ hearingId: id, exhibitId: id, decision: z.literal("reject"), reason: z.string().trim().min(2).max(500) }),
]);
/** The chair shows an admitted public exhibit on the hall screen, or clears it (exhibitId null). */
export const ShowExhibitInput = z.object({ hearingId: id, exhibitId: id.nullable() });
export const OpinionInput = z.object({ hearingId: id, exhibitId: id, text: z.string().trim().min(1).max(3000) });

type Deps = { db: Db; clock: Clock; ledger: LedgerService; live: LiveHub; exhibitStore?: { limitBytes: number } };

type Hearing = ReturnType<typeof loadHearing>;

/**
 * When a party may submit an exhibit (issue 14): from the announcement — their invitation comes with
 * it — until the hearing starts, and again during 举证质证. Check-in, statements and later phases: no.
 * Admission stays in the evidence phase (rule()).
 */
export function uploadOpen(h: Pick<Hearing, "status" | "phase">): boolean {
  if (h.status === "announced" || h.status === "drawing") return true;
  return h.status === "live" && h.phase === "evidence";
}

const screenEvents = ["exhibit_shown", "exhibit_screen_cleared"];

/** 举证质证: exhibits submitted by parties, admitted or rejected by the chair, cross-examined by the others. */
export function createEvidence({ db, clock, ledger, live, exhibitStore }: Deps) {
  const evidencePhase = (phase: string | null) => phase === "evidence";

  function list(hearingId: number, audience: "panel" | "public") {
    const rows = db.select().from(exhibits).where(eq(exhibits.hearingId, hearingId)).orderBy(asc(exhibits.id)).all();
    const parties = db.select().from(hearingParties).where(eq(hearingParties.hearingId, hearingId)).all();
    const opinions = db
      .select()
      .from(exhibitOpinions)
      .innerJoin(exhibits, eq(exhibits.id, exhibitOpinions.exhibitId))
      .where(eq(exhibits.hearingId, hearingId))
      .orderBy(asc(exhibitOpinions.id))
      .all();
    const side = (partyId: number) => {
      const p = parties.find((x) => x.id === partyId)!;
      return `${sideLabel(p.position)} ${p.maskedName}`;
    };
    // The public sees admitted exhibits only; a panel-only one as "证据N（仅评理团可见）" — its number and
    // nothing else: no title, file, hash, submitter or cross-examination (issue 12).
    const isPublic = (e: (typeof rows)[number]) => e.visibility === "public" && e.status === "admitted";
    return rows
      .filter((e) => audience === "panel" || e.status === "admitted")
      .map((e) =>
        audience === "public" && !isPublic(e)
          ? {
              id: e.id,
              number: e.number,
              title: `证据${e.number}（仅评理团可见）`,
              mime: "",
              size: 0,
              sha256: "",
              status: e.status,
              rejectReason: null,
              visibility: e.visibility,
              partyId: 0,
              submittedBy: "",
              at: e.createdAt.toISOString(),
              opinions: [] as { id: number; by: string; text: string; at: string }[],
            }
          : {
        id: e.id,
        number: e.number,
        title: e.title,
        mime: e.mime,
        size: e.size,
        sha256: e.sha256,
        status: e.status,
        rejectReason: e.rejectReason,
        visibility: e.visibility,
        partyId: e.partyId,
        submittedBy: side(e.partyId),
        at: e.createdAt.toISOString(),
        opinions: opinions
          .filter((o) => o.exhibit_opinions.exhibitId === e.id)
          .map((o) => ({ id: o.exhibit_opinions.id, by: side(o.exhibit_opinions.partyId), text: o.exhibit_opinions.text, at: o.exhibit_opinions.createdAt.toISOString() })),
      },
      );
  }

  function broadcast(hearingId: number) {
    live.emit(hearingRooms.panel(hearingId), "hearing:exhibits", list(hearingId, "panel"));
    live.emit(hearingRooms.public(hearingId), "hearing:public_exhibits", list(hearingId, "public"));
  }

  /**
   * The exhibit on the hall screen: the chair's last show/clear in the record, while the hearing is
   * live and the exhibit is still an admitted public one — never a panel-only or unadmitted file.
   */
  function onScreen(hearingId: number): { id: number; number: number | null; title: string; mime: string; sha256: string } | null {
    const h = loadHearing(db, hearingId);
    if (h.status !== "live") return null;
    const last = db
      .select({ type: ledgerEntries.type, payload: ledgerEntries.payload })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.scope, "hearing"), eq(ledgerEntries.scopeId, hearingId), inArray(ledgerEntries.type, screenEvents)))
      .orderBy(desc(ledgerEntries.seq))
      .limit(1)
      .get();
    if (!last || last.type !== "exhibit_shown") return null;
    const e = db.select().from(exhibits).where(and(eq(exhibits.id, Number(last.payload.exhibitId)), eq(exhibits.hearingId, hearingId))).get();
    if (!e || e.status !== "admitted" || e.visibility !== "public") return null;
    return { id: e.id, number: e.number, title: e.title, mime: e.mime, sha256: e.sha256 };
  }

  return {
    list,
    onScreen,
    uploadOpen,
    uploadLimitBytes: exhibitStore?.limitBytes ?? null,

    /** 展示证据: the chair puts an admitted public exhibit on the hall screen (or clears it), live. */
    show(principal: Principal, input: z.input<typeof ShowExhibitInput>) {
      const data = ShowExhibitInput.parse(input);
      const h = loadHearing(db, data.hearingId);
      const user = requireChair(roleIn(db, h, principal));
      if (h.status !== "live") throw new DomainError("wrong_status", { status: h.status });
      const actor = { kind: "mediator" as const, id: user.id, name: user.displayName };
      if (data.exhibitId === null) {
        ledger.append("hearing", h.id, "exhibit_screen_cleared", actor, {});
      } else {
        const e = db.select().from(exhibits).where(and(eq(exhibits.id, data.exhibitId), eq(exhibits.hearingId, h.id))).get();
        if (!e) throw new DomainError("exhibit_not_found");
        if (e.status !== "admitted") throw new DomainError("exhibit_not_admitted_for_screen");
        // The hall screen is public: a panel-only exhibit is never projected.
        if (e.visibility !== "public") throw new DomainError("exhibit_not_public");
        ledger.append("hearing", h.id, "exhibit_shown", actor, { exhibitId: e.id, number: e.number });
      }
      live.emit(hearingRooms.public(h.id), "hearing:screen_exhibit", onScreen(h.id));
      return onScreen(h.id);
    },

    /** Checks a party may submit now, before the upload is read (so a refused upload is not stored). */
    assertCanSubmit(principal: Principal, hearingId: number): number {
      const h = loadHearing(db, hearingId);
      const partyId = requireParty(roleIn(db, h, principal));
      if (!uploadOpen(h)) throw new DomainError(h.status === "live" ? "wrong_phase" : "wrong_status", { phase: h.phase, status: h.status });
      return partyId;
    },

    submit(principal: Principal, meta: z.input<typeof ExhibitMeta>, file: StoredFile) {
      const data = ExhibitMeta.parse(meta);
      const partyId = this.assertCanSubmit(principal, data.hearingId);
      const row = db.transaction(() => {
        const e = db
          .insert(exhibits)
          .values({ hearingId: data.hearingId, partyId, title: data.title, mime: file.mime, size: file.size, sha256: file.sha256, visibility: data.visibility, createdAt: clock.now() })
          .returning()
          .get();
        // Not public yet, maybe never (a rejected or panel-only exhibit): the record binds the title and
        // the file by keyed commitment; the title and hash become public when a public exhibit is admitted.
        ledger.append("hearing", data.hearingId, "exhibit_submitted", { kind: "party", id: partyId }, {
          exhibitId: e.id,
          commitment: ledger.commitment("hearing", data.hearingId, "exhibit", `${e.title}|${e.sha256}`),
          visibility: e.visibility,
        });
        return e;
      });
      broadcast(data.hearingId);
      return row;
    },

    /** Admitted exhibits are numbered 证据1, 证据2 … in order of admission. */
    rule(principal: Principal, input: z.input<typeof RuleOnExhibitInput>) {
      const data = RuleOnExhibitInput.parse(input);
      const h = loadHearing(db, data.hearingId);
      const user = requireChair(roleIn(db, h, principal));
      if (h.status !== "live" || !evidencePhase(h.phase)) throw new DomainError("wrong_phase", { phase: h.phase });
      const e = db.select().from(exhibits).where(and(eq(exhibits.id, data.exhibitId), eq(exhibits.hearingId, h.id))).get();
      if (!e) throw new DomainError("exhibit_not_found");
      if (e.status !== "submitted") throw new DomainError("exhibit_already_ruled");
      db.transaction(() => {
        if (data.decision === "admit") {
          const next = (db.select({ n: sql<number>`coalesce(max(${exhibits.number}), 0)` }).from(exhibits).where(eq(exhibits.hearingId, h.id)).get()?.n ?? 0) + 1;
          db.update(exhibits).set({ status: "admitted", number: next }).where(eq(exhibits.id, e.id)).run();
          ledger.append(
            "hearing",
            h.id,
            "exhibit_admitted",
            { kind: "mediator", id: user.id, name: user.displayName },
            e.visibility === "public" ? { exhibitId: e.id, number: next, title: e.title, sha256: e.sha256, mime: e.mime, size: e.size } : { exhibitId: e.id, number: next, panelOnly: true },
          );
        } else {
          db.update(exhibits).set({ status: "rejected", rejectReason: data.reason }).where(eq(exhibits.id, e.id)).run();
          // A rejected exhibit never became public; the reason may describe it, so it is committed to.
          ledger.append("hearing", h.id, "exhibit_rejected", { kind: "mediator", id: user.id, name: user.displayName }, {
            exhibitId: e.id,
            reasonCommitment: ledger.commitment("hearing", h.id, "exhibit_rejection", data.reason),
          });
        }
      });
      broadcast(h.id);
    },

    /** 质证意见: only another party, only on an admitted exhibit. */
    addOpinion(principal: Principal, input: z.input<typeof OpinionInput>) {
      const data = OpinionInput.parse(input);
      const h = loadHearing(db, data.hearingId);
      const partyId = requireParty(roleIn(db, h, principal));
      if (h.status !== "live" || !evidencePhase(h.phase)) throw new DomainError("wrong_phase", { phase: h.phase });
      const e = db.select().from(exhibits).where(and(eq(exhibits.id, data.exhibitId), eq(exhibits.hearingId, h.id))).get();
      if (!e) throw new DomainError("exhibit_not_found");
      if (e.status !== "admitted") throw new DomainError("exhibit_not_admitted");
      if (e.partyId === partyId) throw new DomainError("own_exhibit");
      db.transaction(() => {
        db.insert(exhibitOpinions).values({ exhibitId: e.id, partyId, text: data.text, createdAt: clock.now() }).run();
        ledger.append(
          "hearing",
          h.id,
          "exhibit_opinion",
          { kind: "party", id: partyId },
          e.visibility === "public" ? { exhibitId: e.id, number: e.number, text: data.text } : { exhibitId: e.id, number: e.number, commitment: ledger.commitment("hearing", h.id, "exhibit_opinion", data.text) },
        );
      });
      broadcast(h.id);
    },

    /** Who may download an exhibit's file: the panel always, the public only an admitted public one. */
    canDownload(principal: Principal, hearingId: number, sha256: string): boolean {
      const h = loadHearing(db, hearingId);
      const e = db.select().from(exhibits).where(and(eq(exhibits.hearingId, hearingId), eq(exhibits.sha256, sha256))).get();
      if (!e) return false;
      if (e.visibility === "public" && e.status === "admitted") return true;
      const role = roleIn(db, h, principal);
      return role.kind !== "spectator";
    },
  };
}
