import { titleMeta } from "~/utils/meta";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { matterDifficulties, matterScopes, matterSources, representativeCategories } from "../../db/schema";
import { requireUserWithPermission } from "~/utils/auth.server";
import { handleDomainErrors } from "~/utils/domain-action.server";
import { errorMessage } from "~/utils/errors";
import { CommunityField } from "~/components/community-field";
import { unitsWhere } from "../../server/auth/permissions";
import { readForm } from "~/utils/request.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "hearingNew");

const optionalCount = z.preprocess((v) => (v === "" || v == null ? undefined : v), z.coerce.number().int().min(0).max(21).optional());

/** The form as posted; the service's own schema validates the result again. */
const ConveneForm = z.object({
  communityId: z.coerce.number().int().positive(),
  title: z.string().trim().min(2).max(120),
  matterDescription: z.string().trim().max(4000).default(""),
  publicSummary: z.string().trim().max(1000).default(""),
  scope: z.enum(matterScopes),
  difficulty: z.enum(matterDifficulties),
  source: z.enum(matterSources),
  place: z.string().trim().min(2).max(120),
  // <input type="datetime-local"> has no zone: the form means Beijing time.
  scheduledAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/).transform((v) => new Date(`${v}:00+08:00`)),
  panelSize: z.coerce.number().int(),
  alternatesCount: z.coerce.number().int(),
  challengesPerParty: z.coerce.number().int(),
  partyA: z.string().trim().min(1).max(60),
  partyAContact: z.string().trim().max(60).optional(),
  partyB: z.string().trim().min(1).max(60),
  partyBContact: z.string().trim().max(60).optional(),
  budgetStatements: z.coerce.number().min(0.5).max(60),
  budgetDebate: z.coerce.number().min(0.5).max(60),
  ...Object.fromEntries(representativeCategories.flatMap((c) => [[`min_${c}`, optionalCount], [`max_${c}`, optionalCount]])),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUserWithPermission(context, request, "manage:hearing:own");
  const communities = unitsWhere(user, "manage:hearing:own").map((id) => context.services.units.get(id)).filter((u) => u?.kind === "community");
  return { communities: communities.map((c) => ({ id: c!.id, name: c!.name })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireUserWithPermission(context, request, "manage:hearing:own");
  const parsed = ConveneForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return { error: { code: "invalid_input" }, fields: parsed.error.issues.map((i) => String(i.path[0])) };
  const f = parsed.data as z.infer<typeof ConveneForm> & Record<string, number | undefined>;
  const quotas = representativeCategories.flatMap((c) => {
    const min = f[`min_${c}`];
    const max = f[`max_${c}`];
    return min === undefined && max === undefined ? [] : [{ category: "category", feature: c, min: min ?? 0, max: max ?? f.panelSize }];
  });
  return handleDomainErrors(async () => {
    const hearing = context.services.hearings.lifecycle.convene(context.principal, {
      communityId: f.communityId,
      matter: { title: f.title, description: f.matterDescription, publicSummary: f.publicSummary, scope: f.scope, difficulty: f.difficulty, source: f.source },
      title: f.title,
      place: f.place,
      scheduledAt: f.scheduledAt,
      panelSize: f.panelSize,
      alternatesCount: f.alternatesCount,
      challengesPerParty: f.challengesPerParty,
      quotas,
      speakingBudgets: { opening: 120, statements: Math.round(f.budgetStatements * 60), evidence: 300, debate: Math.round(f.budgetDebate * 60) },
      parties: [
        { name: f.partyA, contact: f.partyAContact || null },
        { name: f.partyB, contact: f.partyBContact || null },
      ],
    });
    return redirect(`/manage/hearings/${hearing.id}`);
  });
}

export default function ConveneHearing() {
  const { communities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const error = actionData && "error" in actionData ? actionData.error : null;
  const bad = new Set(actionData && "fields" in actionData ? (actionData.fields as string[]) : []);
  const inv = (name: string) => (bad.has(name) ? true : undefined);
  const weekAhead = new Date(Date.now() + 8 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 11) + "19:00";
  return (
    <div className="card stack" style={{ maxWidth: "48rem", margin: "0 auto" }}>
      <h1>{t("hearing.convene.title")}</h1>
      {error ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(t, error)}
        </p>
      ) : null}
      <Form method="post" className="stack">
        <CommunityField communities={communities} />
        <div className="field">
          <label htmlFor="title">{t("hearing.fields.title")}</label>
          <input id="title" name="title" className="input" required minLength={2} maxLength={120} aria-invalid={inv("title")} />
        </div>
        <div className="field">
          <label htmlFor="matterDescription">{t("hearing.fields.matterDescription")}</label>
          <textarea id="matterDescription" name="matterDescription" className="input" rows={3} />
        </div>
        <div className="field">
          <label htmlFor="publicSummary">{t("privacy.summary.label")}</label>
          <textarea id="publicSummary" name="publicSummary" className="input" rows={2} maxLength={1000} aria-describedby="publicSummary-hint" />
          <p id="publicSummary-hint" className="muted small">
            {t("privacy.summary.hint")}
          </p>
        </div>
        <div className="grid">
          <Select name="scope" label={t("hearing.fields.scope")} options={matterScopes.map((v) => [v, t(`hearing.scope.${v}`)])} defaultValue="private" />
          <Select name="difficulty" label={t("hearing.fields.difficulty")} options={matterDifficulties.map((v) => [v, t(`hearing.difficulty.${v}`)])} defaultValue="hard" />
          <Select name="source" label={t("hearing.fields.source")} options={matterSources.map((v) => [v, t(`hearing.source.${v}`)])} defaultValue="visit" />
        </div>
        <div className="grid">
          <div className="field">
            <label htmlFor="place">{t("hearing.fields.place")}</label>
            <input id="place" name="place" className="input" required aria-invalid={inv("place")} />
          </div>
          <div className="field">
            <label htmlFor="scheduledAt">{t("hearing.fields.scheduledAt")}</label>
            <input id="scheduledAt" name="scheduledAt" type="datetime-local" className="input" required defaultValue={weekAhead} aria-invalid={inv("scheduledAt")} />
          </div>
        </div>
        <div className="grid">
          <div className="field">
            <label htmlFor="partyA">
              {t("hearing.convene.partyA")} · {t("hearing.fields.partyName")}
            </label>
            <input id="partyA" name="partyA" className="input" required aria-invalid={inv("partyA")} />
            <input name="partyAContact" className="input" aria-label={`${t("hearing.convene.partyA")} ${t("hearing.fields.partyContact")}`} placeholder={t("hearing.fields.partyContact")} />
          </div>
          <div className="field">
            <label htmlFor="partyB">
              {t("hearing.convene.partyB")} · {t("hearing.fields.partyName")}
            </label>
            <input id="partyB" name="partyB" className="input" required aria-invalid={inv("partyB")} />
            <input name="partyBContact" className="input" aria-label={`${t("hearing.convene.partyB")} ${t("hearing.fields.partyContact")}`} placeholder={t("hearing.fields.partyContact")} />
          </div>
        </div>
        <div className="grid">
          <NumberField name="panelSize" label={t("hearing.fields.panelSize")} defaultValue={7} min={3} max={21} step={2} invalid={inv("panelSize")} />
          <NumberField name="alternatesCount" label={t("hearing.fields.alternatesCount")} defaultValue={3} min={0} max={20} />
          <NumberField name="challengesPerParty" label={t("hearing.fields.challengesPerParty")} defaultValue={1} min={0} max={5} />
          <NumberField name="budgetStatements" label={`${t("hearing.phase.statements")} · ${t("hearing.fields.budget")}`} defaultValue={5} min={0.5} max={60} step={0.5} />
          <NumberField name="budgetDebate" label={`${t("hearing.phase.debate")} · ${t("hearing.fields.budget")}`} defaultValue={3} min={0.5} max={60} step={0.5} />
        </div>
        <fieldset className="stack">
          <legend>{t("hearing.fields.quotas")}</legend>
          <p className="muted">{t("hearing.fields.quotaHint")}</p>
          <div className="grid">
            {representativeCategories.map((c) => (
              <div key={c} className="field">
                <span>{t(`pool.category.${c}`, { defaultValue: c })}</span>
                <div className="row">
                  <input name={`min_${c}`} type="number" min={0} max={21} className="input" style={{ width: "6rem" }} aria-label={`${c} min`} placeholder={t("system.atLeast")} defaultValue={1} />
                  <input name={`max_${c}`} type="number" min={0} max={21} className="input" style={{ width: "6rem" }} aria-label={`${c} max`} placeholder={t("system.atMost")} />
                </div>
              </div>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t("hearing.convene.submit")}
        </button>
      </Form>
    </div>
  );
}

function Select({ name, label, options, defaultValue }: { name: string; label: string; options: [string, string][]; defaultValue: string }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} className="input" defaultValue={defaultValue}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

function NumberField(props: { name: string; label: string; defaultValue: number; min: number; max: number; step?: number; invalid?: boolean }) {
  return (
    <div className="field">
      <label htmlFor={props.name}>{props.label}</label>
      <input id={props.name} name={props.name} type="number" className="input" defaultValue={props.defaultValue} min={props.min} max={props.max} step={props.step ?? 1} required aria-invalid={props.invalid} />
    </div>
  );
}
