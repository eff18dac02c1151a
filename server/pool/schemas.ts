import { z } from "zod";
import { conflictKinds, nominations, representativeCategories } from "../../db/schema/pool";
import { DomainError } from "../errors";
import { isCalendarDay } from "./calendar";

/**
 * The pool's input schemas. Messages are stable codes, not prose: the pages translate them
 * (`pool.validation.<code>`), and the CSV import report uses the same codes per row and column.
 */

const text = (max: number) => z.string({ required_error: "required", invalid_type_error: "required" }).trim().min(1, "required").max(max, "too_long");
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "too_long")
    .nullish()
    .transform((v) => (v ? v : null));
const id = z.coerce.number({ invalid_type_error: "required" }).int("required").positive("required");

/** Phone numbers are stored without spaces or dashes, so "138 0000 0001" and "13800000001" are one number. */
export const normalisePhone = (raw: string) => raw.replace(/[\s-]/g, "");
export const phoneSchema = z
  .string()
  .trim()
  .nullish()
  .transform((v) => (v ? normalisePhone(v) : null))
  .refine((v) => v === null || /^\+?\d{5,15}$/.test(v), "phone_invalid");

export const daySchema = z.string({ required_error: "required" }).trim().min(1, "required").refine(isCalendarDay, "date_invalid");

export const CategorySchema = z.enum(representativeCategories, { errorMap: () => ({ message: "category_invalid" }) });
export const NominationSchema = z.enum(nominations, { errorMap: () => ({ message: "nomination_invalid" }) });

/** Free feature values keyed by the community's configured feature keys. */
export const FeaturesSchema = z.record(z.string(), z.string().trim().max(40, "too_long")).default({});

export const RepresentativeInput = z.object({
  name: text(40),
  phone: phoneSchema,
  unitId: id,
  category: CategorySchema,
  nomination: NominationSchema,
  features: FeaturesSchema,
  /**
   * Whether they agreed to be named on public pages (issue 12). Undefined: leave as recorded. The
   * consent's date is kept; without it the public sees 张某 · 居民代表.
   */
  publicNameConsent: z.boolean().optional(),
});
export type RepresentativeInput = z.input<typeof RepresentativeInput>;

/** Suspending or retiring: why, and since which day (today or earlier). */
export const StatusChangeInput = z.object({
  reason: text(200),
  date: daySchema,
});
export type StatusChangeInput = z.input<typeof StatusChangeInput>;

export const ReinstateInput = z.object({ reason: optionalText(200) });
export type ReinstateInput = z.input<typeof ReinstateInput>;

export const TrainingInput = z.object({ date: daySchema, topic: text(100) });
export type TrainingInput = z.input<typeof TrainingInput>;

export const UnavailableDateInput = z.object({ date: daySchema });

/** A declared conflict as the service stores it: with a named person, another representative, or a unit. */
export const ConflictInput = z
  .object({
    kind: z.enum(conflictKinds, { errorMap: () => ({ message: "required" }) }),
    personName: optionalText(40),
    otherRepresentativeId: z.number().int().positive().nullish().transform((v) => v ?? null),
    unitId: z.number().int().positive().nullish().transform((v) => v ?? null),
    note: optionalText(200),
  })
  .refine((v) => v.personName !== null || v.otherRepresentativeId !== null || v.unitId !== null, { path: ["personName"], message: "required" });
export type ConflictInput = z.input<typeof ConflictInput>;

const conflictTargets = ["person", "representative", "unit"] as const;
/**
 * The conflict form: the mediator picks what the conflict is with (`target`), and only the field for that
 * target is used, whatever the other fields hold. Its output is a ConflictInput.
 */
export const ConflictForm = z
  .object({
    kind: z.enum(conflictKinds, { errorMap: () => ({ message: "required" }) }),
    target: z.enum(conflictTargets, { errorMap: () => ({ message: "required" }) }),
    personName: optionalText(40),
    otherRepresentativeId: z.coerce.number().int().positive().nullish().catch(null),
    unitId: z.coerce.number().int().positive().nullish().catch(null),
    note: optionalText(200),
  })
  .superRefine((v, ctx) => {
    if (v.target === "person" && !v.personName) ctx.addIssue({ code: "custom", path: ["personName"], message: "required" });
    if (v.target === "representative" && !v.otherRepresentativeId)
      ctx.addIssue({ code: "custom", path: ["otherRepresentativeId"], message: "required" });
    if (v.target === "unit" && !v.unitId) ctx.addIssue({ code: "custom", path: ["unitId"], message: "required" });
  })
  .transform(
    (v): ConflictInput => ({
      kind: v.kind,
      personName: v.target === "person" ? v.personName : null,
      otherRepresentativeId: v.target === "representative" ? (v.otherRepresentativeId ?? null) : null,
      unitId: v.target === "unit" ? (v.unitId ?? null) : null,
      note: v.note,
    }),
  );

/** Feature keys are codes used in quotas and CSV headers (`feature:<key>`); `category` is taken by the category itself. */
export const FeatureInput = z.object({
  key: z
    .string({ required_error: "required" })
    .trim()
    .min(1, "required")
    .regex(/^[a-z][a-z0-9_]{0,31}$/, "key_invalid")
    .refine((k) => k !== "category", "key_reserved"),
  label: text(20),
  /** Allowed values, distinct, in display order. Forms send one string split on 、，, ; or new lines. */
  values: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(/[、，,;；\n\r]+/)).map((s) => s.trim()).filter(Boolean))
    .pipe(
      z
        .array(z.string().max(20, "too_long"))
        .min(1, "values_required")
        .max(20, "too_many_values")
        .refine((vs) => new Set(vs).size === vs.length, "values_duplicate"),
    ),
});
export type FeatureInput = z.input<typeof FeatureInput>;

export const ListFilter = z.object({
  status: z.enum(["active", "suspended", "retired"]).optional().catch(undefined),
  category: CategorySchema.optional().catch(undefined),
  gridId: z.coerce.number().int().positive().optional().catch(undefined),
  q: z.string().trim().max(40).optional().catch(undefined),
});
/** Raw values (e.g. from a query string): unknown ones are ignored rather than refused. */
export type ListFilter = Partial<Record<keyof z.input<typeof ListFilter>, string | number>>;

/** Field name → first error code, for showing one message under each field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const [first, second] = issue.path;
    const field = first === "features" && second !== undefined ? `feature:${String(second)}` : String(first ?? "form");
    out[field] ??= issue.message;
  }
  return out;
}

/** Parses a service input; a bad one becomes `invalid_input` naming the first bad field, and nothing changes. */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const [field, reason] = Object.entries(fieldErrors(result.error))[0] ?? ["form", "invalid"];
  throw new DomainError("invalid_input", { field, reason });
}
