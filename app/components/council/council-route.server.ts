import { data, type AppLoadContext } from "@remix-run/node";
import { handleDomainErrors } from "~/utils/domain-action.server";
import { idParam } from "~/utils/request.server";
import { orRespond } from "~/utils/respond.server";

export { idParam };

/** The council snapshot for this viewer (404 for an unknown id). */
export function loadCouncilSnapshot(context: AppLoadContext, rawId: string | undefined) {
  const councilId = idParam(rawId);
  return orRespond(() => context.services.councils.views.snapshot(context.principal, councilId));
}

/**
 * The form's ballot rules: the checkboxes and numbers of the agenda form, in the shape the service
 * validates (a zod schema there says what is allowed; this only converts).
 */
export function rulesFromForm(form: Record<string, FormDataEntryValue>) {
  const minutes = Number(form.timeLimitMinutes);
  return {
    secret: form.secret === "on",
    threshold: String(form.threshold ?? "majority_cast"),
    quorum: Number(form.quorum),
    tieRule: String(form.tieRule ?? "revote"),
    allowChange: form.allowChange === "on",
    ...(String(form.timeLimitMinutes ?? "").trim() && minutes > 0 ? { timeLimitSeconds: Math.round(minutes * 60) } : {}),
  };
}

/**
 * `<input type="datetime-local">` and `<input type="date">` have no zone: the forms mean Beijing time.
 * A bare date is the end of that day for a deadline, its start for a date something happened.
 */
export function beijingDateTime(value: FormDataEntryValue | undefined, dateMeans: "end" | "start" = "end"): Date | undefined {
  const v = String(value ?? "");
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v)) return new Date(`${v}:00+08:00`);
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T${dateMeans === "end" ? "23:59:59" : "00:00:00"}+08:00`);
  return undefined;
}

/**
 * An action body: a DomainError becomes `{ error: { code, details } }` (the form shows it translated),
 * and so does a service's zod rejection (`invalid_input`, naming the field). Checked by name: the
 * server bundle and the Remix bundle may each carry their own copy of zod.
 */
export async function runAction<T>(body: () => Promise<T> | T) {
  return handleDomainErrors(async () => {
    try {
      return await body();
    } catch (err) {
      if (err instanceof Error && err.name === "ZodError") {
        const issue = (err as unknown as { issues: { path: (string | number)[]; message: string }[] }).issues[0];
        const code = issue && /^[a-z_]+$/.test(issue.message) ? issue.message : "invalid_input";
        return data({ error: { code, details: { field: issue?.path.join(".") ?? "" } } }, { status: 400 });
      }
      throw err;
    }
  });
}
