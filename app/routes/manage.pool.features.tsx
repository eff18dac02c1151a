import { titleMeta } from "~/utils/meta";
import { UserText, featureLabel } from "~/components/system-text";
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { AlertDialog } from "radix-ui";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FeatureInput } from "../../server/pool/schemas";
import { CommunityPicker } from "~/components/pool/community-picker";
import { Field, FormError } from "~/components/pool/field";
import { isFormResult, type FormResult } from "~/components/pool/form-result";
import { invalidForm, poolAction, requirePoolCommunity } from "~/components/pool/pool-route.server";
import poolStyles from "~/components/pool/pool.css";
import { SavedNotice } from "~/components/pool/saved-notice";
import { readForm } from "~/utils/request.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "poolFeatures");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: poolStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { community, communities } = requirePoolCommunity(context, request);
  const features = context.services.pool.features(context.principal, community.id);
  return { community, communities, features: features.map((f) => ({ id: f.id, key: f.key, label: f.label, values: f.values })) };
}

const FeatureId = z.object({ featureId: z.coerce.number().int().positive() });

export async function action({ request, context }: ActionFunctionArgs) {
  const { community } = requirePoolCommunity(context, request);
  const form = Object.fromEntries(await readForm(request));
  const intent = String(form.intent ?? "");
  const back = (saved: string) => redirect(`/manage/pool/features?community=${community.id}&saved=${saved}`);
  const { pool } = context.services;

  if (intent === "delete") {
    const parsed = FeatureId.safeParse(form);
    if (!parsed.success) return invalidForm(intent, parsed.error);
    return poolAction(intent, () => {
      pool.deleteFeature(context.principal, community.id, parsed.data.featureId);
      return back("featureDeleted");
    });
  }
  if (intent !== "create" && !intent.startsWith("edit:")) throw new Response("unknown intent", { status: 400 });
  const featureId = intent === "create" ? null : Number(intent.slice("edit:".length));
  if (featureId !== null && !(Number.isInteger(featureId) && featureId > 0)) throw new Response("unknown intent", { status: 400 });
  const parsed = FeatureInput.safeParse(form);
  if (!parsed.success) return invalidForm(intent, parsed.error);
  return poolAction(intent, () => {
    pool.saveFeature(context.principal, community.id, featureId, parsed.data);
    return back("featureSaved");
  });
}

type Feature = { id: number; key: string; label: string; values: string[] };

function FeatureForm({ feature, result }: { feature: Feature | null; result: FormResult | null }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const intent = feature ? `edit:${feature.id}` : "create";
  const mine = result?.intent === intent ? result : null;
  const errors = mine?.fieldErrors ?? {};
  const prefix = feature ? `f${feature.id}` : "new";
  return (
    <>
    <Form method="post" noValidate className="pool-form">
      <input type="hidden" name="intent" value={intent} />
      <FormError error={mine?.formError} />
      <div className="pool-form__row">
        <Field id={`${prefix}-key`} label={t("pool.features.key")} hint={feature ? undefined : t("pool.features.keyHint")} error={errors.key}>
          <input name="key" className="input mono" defaultValue={feature?.key ?? ""} readOnly={feature !== null} autoCapitalize="none" autoComplete="off" />
        </Field>
        <Field id={`${prefix}-label`} label={t("pool.features.label")} error={errors.label}>
          <input name="label" className="input" defaultValue={feature?.label ?? ""} maxLength={20} />
        </Field>
      </div>
      <Field id={`${prefix}-values`} label={t("pool.features.values")} hint={t("pool.features.valuesHint")} error={errors.values}>
        <textarea name="values" className="input" rows={2} data-user-content defaultValue={feature?.values.join("、") ?? ""} />
      </Field>
      <button type="submit" className="button button--primary button--small" disabled={busy}>
        {feature ? t("pool.actions.save") : t("pool.features.add")}
      </button>
    </Form>
    {/* Outside the edit form: a form inside a form is not valid HTML, even through a portal. */}
    {feature ? <div className="pool-actions pool-actions--end"><DeleteFeature feature={feature} /></div> : null}
    </>
  );
}

function DeleteFeature({ feature }: { feature: Feature }) {
  const { t } = useTranslation();
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>
        <button type="button" className="button button--small pool-button--danger-outline">
          {t("pool.actions.remove")}
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="pool-dialog__overlay" />
        <AlertDialog.Content className="pool-dialog">
          <AlertDialog.Title className="pool-dialog__title">{t("pool.features.deleteTitle", { label: feature.label })}</AlertDialog.Title>
          <AlertDialog.Description className="muted">{t("pool.features.deleteLead")}</AlertDialog.Description>
          <Form method="post" className="pool-dialog__actions">
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="featureId" value={feature.id} />
            <AlertDialog.Cancel asChild>
              <button type="button" className="button">
                {t("pool.actions.cancel")}
              </button>
            </AlertDialog.Cancel>
            <button type="submit" className="button button--danger">
              {t("pool.actions.remove")}
            </button>
          </Form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

export default function PoolFeatures() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const result = isFormResult(actionData) ? actionData : null;
  const location = useLocation();
  return (
    <div className="stack">
      <Link to={`/manage/pool?community=${data.community.id}`} className="pool-back">
        ← {t("pool.backToList")}
      </Link>
      <div className="pool-header">
        <h1>
          {t("pool.features.title")} · <UserText>{data.community.name}</UserText>
        </h1>
        <CommunityPicker communities={data.communities} current={data.community.id} />
      </div>
      <p className="muted">{t("pool.features.lead")}</p>
      <SavedNotice />
      <FormError error={result?.intent === "delete" ? result.formError : null} />
      {data.features.length === 0 ? <p className="muted">{t("pool.features.empty")}</p> : null}
      {data.features.map((f) => (
        <section key={`${f.id}-${location.key}`} className="card" aria-label={featureLabel(t, f)}>
          <FeatureForm feature={f} result={result} />
        </section>
      ))}
      <section className="card" aria-labelledby="feature-new">
        <h2 id="feature-new">{t("pool.features.add")}</h2>
        <FeatureForm key={location.key} feature={null} result={result} />
      </section>
    </div>
  );
}
