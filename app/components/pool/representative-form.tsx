import { Form, useNavigation } from "@remix-run/react";
import { featureLabel } from "~/components/system-text";
import { useTranslation } from "react-i18next";
import { Field } from "./field";
import type { FormResult } from "./form-result";

export const categories = ["deputy", "professional", "elder", "resident"] as const;
export const nominations = ["self", "organisation"] as const;

export type UnitOption = { id: number; path: string; kind: string };
export type FeatureOption = { key: string; label: string; values: string[] };
export type RepresentativeDefaults = {
  name: string;
  phone: string | null;
  unitId: number | null;
  category: string | null;
  nomination: string | null;
  features: Record<string, string>;
  /** When they agreed to be named in public (ISO), or null. */
  publicNameConsentAt?: string | null;
};

/** Create and edit use the same fields, names and schema (server/pool/schemas.ts RepresentativeInput). */
export function RepresentativeForm({
  intent,
  units,
  features,
  defaults,
  result,
  submitLabel,
}: {
  intent: string;
  units: UnitOption[];
  features: FeatureOption[];
  defaults: RepresentativeDefaults;
  result: FormResult | null;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const errors = result?.intent === intent ? result.fieldErrors : {};
  return (
    <Form method="post" noValidate className="pool-form">
      <input type="hidden" name="intent" value={intent} />
      <Field id="name" label={t("pool.fields.name")} error={errors.name}>
        <input name="name" className="input" defaultValue={defaults.name} autoComplete="off" required maxLength={40} />
      </Field>
      <Field id="phone" label={t("pool.fields.phone")} hint={t("pool.fields.phoneHint")} error={errors.phone}>
        <input name="phone" className="input" type="tel" inputMode="tel" defaultValue={defaults.phone ?? ""} autoComplete="off" />
      </Field>
      <Field id="unitId" label={t("pool.fields.unit")} error={errors.unitId}>
        <select name="unitId" className="input" defaultValue={defaults.unitId ?? ""} required>
          <option value="">{t("pool.fields.choose")}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id} data-user-content>
              {u.path}
            </option>
          ))}
        </select>
      </Field>
      <div className="pool-form__row">
        <Field id="category" label={t("pool.fields.category")} error={errors.category}>
          <select name="category" className="input" defaultValue={defaults.category ?? ""} required>
            <option value="">{t("pool.fields.choose")}</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {t(`pool.category.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="nomination" label={t("pool.fields.nomination")} error={errors.nomination}>
          <select name="nomination" className="input" defaultValue={defaults.nomination ?? ""} required>
            <option value="">{t("pool.fields.choose")}</option>
            {nominations.map((n) => (
              <option key={n} value={n}>
                {t(`pool.nomination.${n}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset className="pool-fieldset">
        <legend>{t("pool.fields.features")}</legend>
        {features.length === 0 ? <p className="muted">{t("pool.fields.noFeatures")}</p> : null}
        <div className="pool-form__row">
          {features.map((f) => (
            <Field key={f.key} id={`feature-${f.key}`} label={featureLabel(t, f)} error={errors[`feature:${f.key}`]}>
              <select name={`feature:${f.key}`} className="input" defaultValue={defaults.features[f.key] ?? ""}>
                <option value="">{t("pool.fields.featureNone")}</option>
                {f.values.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </Field>
          ))}
        </div>
      </fieldset>
      <input type="hidden" name="publicNameConsentShown" value="1" />
      <label className="check">
        <input type="checkbox" name="publicNameConsent" value="on" defaultChecked={!!defaults.publicNameConsentAt} aria-describedby="publicNameConsent-hint" />
        <span>{t("privacy.consent.label")}</span>
      </label>
      <p id="publicNameConsent-hint" className="muted small">
        {defaults.publicNameConsentAt ? t("privacy.consent.given", { date: defaults.publicNameConsentAt.slice(0, 10) }) + " · " : ""}
        {t("privacy.consent.hint")}
      </p>
      <button type="submit" className="button button--primary" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
