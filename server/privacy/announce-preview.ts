import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { councilItems, councilParticipants, councils, hearingParties, hearings, matters } from "../../db/schema";
import { participantPublicName } from "../councils/public-name";
import { DomainError } from "../errors";
import { detectPersonalData, maskPersonalData, type PersonalDataHit } from "./personal-data";

/**
 * What the public will read once a hearing or council is announced, and the personal data found in
 * it (issue 12, decision 023). The chair sees this preview before announcing; every detected item
 * is masked by default, and keeping one unmasked needs an explicit confirmation.
 *
 * A hit is named `<text key>@<start>-<end>`: computed from the text as it is when announcing, so a
 * text edited after the preview was shown has different hits, and the new ones are masked.
 */
export type PublicTextKind = "title" | "place" | "summary" | "party" | "itemTitle" | "proposal" | "guest";
export type PublicText = { key: string; kind: PublicTextKind; text: string; save(db: Db, text: string): void };
export type PreviewHit = PersonalDataHit & { id: string };
export type PreviewText = { key: string; kind: PublicTextKind; text: string; hits: PreviewHit[]; masked: string };

export const AnnounceMasking = z.object({
  /** Hits the chair chose to publish as written (a false alarm, or a name the person agreed to show). */
  keep: z.array(z.string().max(80)).max(200).default([]),
  /** Required when anything detected is kept unmasked. */
  confirmUnmasked: z.boolean().default(false),
});
export type AnnounceMasking = z.input<typeof AnnounceMasking>;

function hitsOf(key: string, text: string): PreviewHit[] {
  // A hit whose mask changes nothing (张某, an already masked party) is not personal data.
  return detectPersonalData(text)
    .filter((h) => h.masked !== h.text)
    .map((h) => ({ ...h, id: `${key}@${h.start}-${h.end}` }));
}

export function previewOf(texts: PublicText[]): PreviewText[] {
  return texts.map((t) => {
    const hits = hitsOf(t.key, t.text);
    return { key: t.key, kind: t.kind, text: t.text, hits, masked: maskPersonalData(t.text, hits) };
  });
}

/**
 * Masks every detected item not in `keep` and saves the texts (inside the announcing transaction).
 * Refuses, changing nothing, if something detected is kept without the confirmation.
 */
export function applyMasking(db: Db, texts: PublicText[], input: AnnounceMasking): { masked: number; kept: number } {
  const { keep, confirmUnmasked } = AnnounceMasking.parse(input);
  const keepSet = new Set(keep);
  const plan = texts.map((t) => {
    const hits = hitsOf(t.key, t.text);
    return { t, hits, toMask: hits.filter((h) => !keepSet.has(h.id)) };
  });
  const kept = plan.reduce((n, p) => n + p.hits.length - p.toMask.length, 0);
  if (kept > 0 && !confirmUnmasked) throw new DomainError("personal_data_unconfirmed", { count: kept });
  let masked = 0;
  for (const p of plan) {
    if (p.toMask.length === 0) continue;
    p.t.save(db, maskPersonalData(p.t.text, p.toMask));
    masked += p.toMask.length;
  }
  return { masked, kept };
}

/** A hearing's public texts: title, place, the matter's public summary, the parties' public names. */
export function hearingPublicTexts(db: Db, hearingId: number): PublicText[] {
  const h = db.select().from(hearings).where(eq(hearings.id, hearingId)).get();
  if (!h) throw new DomainError("hearing_not_found");
  const m = db.select().from(matters).where(eq(matters.id, h.matterId)).get()!;
  const parties = db.select().from(hearingParties).where(eq(hearingParties.hearingId, hearingId)).orderBy(asc(hearingParties.position)).all();
  return [
    { key: "title", kind: "title", text: h.title, save: (d, text) => void d.update(hearings).set({ title: text }).where(eq(hearings.id, h.id)).run() },
    { key: "place", kind: "place", text: h.place, save: (d, text) => void d.update(hearings).set({ place: text }).where(eq(hearings.id, h.id)).run() },
    { key: "summary", kind: "summary", text: m.publicSummary ?? "", save: (d, text) => void d.update(matters).set({ publicSummary: text }).where(eq(matters.id, m.id)).run() },
    ...parties.map(
      (p): PublicText => ({
        key: `party${p.position}`,
        kind: "party",
        text: p.maskedName,
        save: (d, text) => void d.update(hearingParties).set({ maskedName: text }).where(eq(hearingParties.id, p.id)).run(),
      }),
    ),
  ];
}

/**
 * A council's public texts: title, place, each item's title, proposal and matter summary, and the
 * guests' public names (a representative's public name is already masked, or shown by consent).
 */
export function councilPublicTexts(db: Db, councilId: number): PublicText[] {
  const c = db.select().from(councils).where(eq(councils.id, councilId)).get();
  if (!c) throw new DomainError("council_not_found");
  const items = db.select({ i: councilItems, m: matters }).from(councilItems).innerJoin(matters, eq(matters.id, councilItems.matterId)).where(eq(councilItems.councilId, councilId)).orderBy(asc(councilItems.position)).all();
  const guests = db
    .select()
    .from(councilParticipants)
    .where(and(eq(councilParticipants.councilId, councilId), eq(councilParticipants.kind, "guest")))
    .orderBy(asc(councilParticipants.id))
    .all();
  return [
    { key: "title", kind: "title", text: c.title, save: (d, text) => void d.update(councils).set({ title: text }).where(eq(councils.id, c.id)).run() },
    { key: "place", kind: "place", text: c.place, save: (d, text) => void d.update(councils).set({ place: text }).where(eq(councils.id, c.id)).run() },
    ...items.flatMap(({ i, m }, n): PublicText[] => [
      { key: `item${n + 1}.title`, kind: "itemTitle", text: i.title, save: (d, text) => void d.update(councilItems).set({ title: text }).where(eq(councilItems.id, i.id)).run() },
      { key: `item${n + 1}.proposal`, kind: "proposal", text: i.proposal, save: (d, text) => void d.update(councilItems).set({ proposal: text }).where(eq(councilItems.id, i.id)).run() },
      { key: `item${n + 1}.summary`, kind: "summary", text: m.publicSummary ?? "", save: (d, text) => void d.update(matters).set({ publicSummary: text }).where(eq(matters.id, m.id)).run() },
    ]),
    ...guests.map(
      (g, n): PublicText => ({
        key: `guest${n + 1}`,
        kind: "guest",
        text: participantPublicName(g),
        save: (d, text) => void d.update(councilParticipants).set({ publicName: text }).where(eq(councilParticipants.id, g.id)).run(),
      }),
    ),
  ];
}
