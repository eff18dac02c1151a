import { z } from "zod";
import { ballotThresholds, tieRules, type BallotRules } from "../../db/schema";
import { MAX_TIME_LIMIT_SECONDS } from "../ballots/schemas";
import { maskName } from "../hearings/masking";
import { detectPersonalData, maskPersonalData } from "../privacy/personal-data";

/** Default notice before a council (seed 001's one-week 事前预告) and of a published resolution (公示). */
export const COUNCIL_NOTICE_DAYS = 7;
export const RESOLUTION_NOTICE_DAYS = 7;
export const DAY_MS = 86_400_000;

/**
 * An item's ballot rules, fixed on the agenda (and so in the published notice) before the council
 * meets: the chair cannot change them at the moment of the vote.
 */
export const BallotRulesInput = z
  .object({
    secret: z.boolean().default(false),
    threshold: z.enum(ballotThresholds).default("majority_cast"),
    /** Minimum votes cast (abstentions included) for the result to count. */
    quorum: z.number().int().min(0).max(1000),
    tieRule: z.enum(tieRules).default("revote"),
    allowChange: z.boolean().default(false),
    timeLimitSeconds: z.number().int().min(10).max(MAX_TIME_LIMIT_SECONDS).optional(),
  })
  .refine((r) => !(r.secret && r.allowChange), { path: ["allowChange"], message: "secret_cannot_change" });

export function toBallotRules(input: z.infer<typeof BallotRulesInput>): BallotRules {
  const rules: BallotRules = { secret: input.secret, threshold: input.threshold, quorum: input.quorum, tieRule: input.tieRule, allowChange: input.allowChange };
  if (input.timeLimitSeconds) rules.timeLimitSeconds = input.timeLimitSeconds;
  return rules;
}

/** The options every council item is voted on; the motion is measured on 同意. */
export const COUNCIL_OPTIONS = [
  { id: "for", label: "同意" },
  { id: "against", label: "反对" },
  { id: "abstain", label: "弃权" },
];
export const PASS_OPTION_ID = "for";

/** 同意率 in permille: votes for ÷ votes cast (abstentions are votes cast), rounded; null when nobody voted. */
export function approvalPermille(counts: Record<string, number>): number | null {
  const cast = Object.values(counts).reduce((a, b) => a + b, 0);
  if (cast === 0) return null;
  return Math.round(((counts[PASS_OPTION_ID] ?? 0) * 1000) / cast);
}

/** Words that describe a guest rather than name a person: kept in public. */
const descriptor = /(公司|委员会|业委会|物业|中心|集团|合作社|居委会|居民|业主|代表|楼|单元|室|经理|主任)$|\d/;

/**
 * A guest's name as the public sees it (DESIGN.md §6): organisations and descriptions keep their
 * words, a person's name is masked — "幸福物业公司 王建国" → "幸福物业公司 王某", "3号楼居民 李桂兰" → "3号楼居民 李某".
 */
export function publicGuestName(name: string): string {
  return name
    .trim()
    .split(/(\s+|·)/)
    .map((part) => {
      if (/^(\s+|·)$/.test(part) || part === "") return part;
      // Room numbers, phone numbers and names inside a description are masked too: "5号楼502室王建国"
      // → "5号楼***室王某", "王建国主任" → "王某主任" (issue 12: these were published verbatim).
      const hits = detectPersonalData(part);
      if (hits.length) return maskPersonalData(part, hits);
      return descriptor.test(part) ? part : maskName(part);
    })
    .join("");
}
