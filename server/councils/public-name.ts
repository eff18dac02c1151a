import { maskName } from "../hearings/masking";
import { publicGuestName } from "./rules";

/** Category words shown beside a masked representative, as in 张某 · 居民代表. */
const categoryWords: Record<string, string> = { deputy: "两代表一委员", professional: "专业人才", elder: "社会人士", resident: "居民代表" };

/**
 * How the public names a representative (issue 12): by name only if they consented in the pool,
 * otherwise masked with their category — 张某 · 居民代表.
 */
export function representativePublicName(rep: { name: string; category: string; publicNameConsentAt: Date | null }): string {
  if (rep.publicNameConsentAt) return rep.name;
  return `${maskName(rep.name)} · ${categoryWords[rep.category] ?? "议事代表"}`;
}

/** A participant's public name: the one fixed when they were added, else masked (rows from before issue 12). */
export function participantPublicName(p: { kind: "representative" | "guest"; name: string; publicName: string | null }): string {
  if (p.publicName) return p.publicName;
  return p.kind === "guest" ? publicGuestName(p.name) : `${maskName(p.name)} · 议事代表`;
}
