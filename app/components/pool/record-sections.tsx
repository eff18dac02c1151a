import { Form, useNavigation } from "@remix-run/react";
import { UserText } from "~/components/system-text";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Field, FormError } from "./field";
import type { FormResult } from "./form-result";

/** The detail page's sections: training records, unavailable dates and declared conflicts. */

const errorsFor = (result: FormResult | null, intent: string) => (result?.intent === intent ? result : null);

function RemoveButton({ intent, name, value, label }: { intent: string; name: string; value: string | number; label: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={name} value={value} />
      <button type="submit" className="button button--small" aria-label={`${t("pool.actions.remove")} ${label}`}>
        {t("pool.actions.remove")}
      </button>
    </Form>
  );
}

export function TrainingsSection({ trainings, today, result }: { trainings: { id: number; date: string; topic: string }[]; today: string; result: FormResult | null }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const mine = errorsFor(result, "addTraining");
  return (
    <section className="stack">
      {trainings.length === 0 ? (
        <p className="muted">{t("pool.detail.trainingsEmpty")}</p>
      ) : (
        <ul className="pool-records">
          {trainings.map((tr) => (
            <li key={tr.id} className="pool-record">
              <span className="pool-record__text">
                <span className="tabular">{tr.date}</span>
                <span>{tr.topic}</span>
              </span>
              <RemoveButton intent="removeTraining" name="trainingId" value={tr.id} label={`${tr.date} ${tr.topic}`} />
            </li>
          ))}
        </ul>
      )}
      <Form method="post" noValidate className="pool-form">
        <input type="hidden" name="intent" value="addTraining" />
        <FormError error={mine?.formError} />
        <div className="pool-form__row">
          <Field id="training-date" label={t("pool.fields.date")} error={mine?.fieldErrors.date}>
            <input name="date" type="date" className="input" defaultValue={today} required />
          </Field>
          <Field id="training-topic" label={t("pool.fields.topic")} error={mine?.fieldErrors.topic}>
            <input name="topic" className="input" maxLength={100} required />
          </Field>
        </div>
        <button type="submit" className="button button--primary button--small" disabled={busy}>
          {t("pool.actions.add")}
        </button>
      </Form>
    </section>
  );
}

export function UnavailableSection({ dates, result }: { dates: string[]; result: FormResult | null }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const mine = errorsFor(result, "addDate");
  return (
    <section className="stack">
      <p className="muted">{t("pool.detail.unavailableLead")}</p>
      {dates.length === 0 ? (
        <p className="muted">{t("pool.detail.unavailableEmpty")}</p>
      ) : (
        <ul className="pool-records">
          {dates.map((d) => (
            <li key={d} className="pool-record">
              <span className="tabular">{d}</span>
              <RemoveButton intent="removeDate" name="date" value={d} label={d} />
            </li>
          ))}
        </ul>
      )}
      <Form method="post" noValidate className="pool-form pool-inline-form">
        <input type="hidden" name="intent" value="addDate" />
        <Field id="unavailable-date" label={t("pool.fields.date")} error={mine?.fieldErrors.date}>
          <input name="date" type="date" className="input" required />
        </Field>
        <button type="submit" className="button button--primary button--small" disabled={busy}>
          {t("pool.actions.add")}
        </button>
      </Form>
    </section>
  );
}

export type ConflictRow = {
  id: number;
  kind: string;
  personName: string | null;
  otherRepresentativeName: string | null;
  unitName: string | null;
  note: string | null;
};

const conflictKinds = ["relative", "neighbour", "employer", "other"] as const;
const targets = ["person", "representative", "unit"] as const;

export function ConflictsSection({
  conflicts,
  others,
  units,
  result,
}: {
  conflicts: ConflictRow[];
  others: { id: number; name: string }[];
  units: { id: number; path: string }[];
  result: FormResult | null;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const mine = errorsFor(result, "addConflict");
  const [target, setTarget] = useState<(typeof targets)[number]>("person");
  const describe = (c: ConflictRow) =>
    c.personName
      ? t("pool.detail.conflictWithPerson", { name: c.personName })
      : c.otherRepresentativeName
        ? t("pool.detail.conflictWithRepresentative", { name: c.otherRepresentativeName })
        : t("pool.detail.conflictWithUnit", { name: c.unitName ?? "" });
  return (
    <section className="stack">
      <p className="muted">{t("pool.detail.conflictsLead")}</p>
      {conflicts.length === 0 ? (
        <p className="muted">{t("pool.detail.conflictsEmpty")}</p>
      ) : (
        <ul className="pool-records">
          {conflicts.map((c) => (
            <li key={c.id} className="pool-record">
              <span className="pool-record__text">
                <span>
                  <span className="badge">{t(`pool.conflictKind.${c.kind}`)}</span> {describe(c)}
                </span>
                {c.note ? <span className="muted"><UserText>{c.note}</UserText></span> : null}
              </span>
              <RemoveButton intent="removeConflict" name="conflictId" value={c.id} label={describe(c)} />
            </li>
          ))}
        </ul>
      )}
      <Form method="post" noValidate className="pool-form">
        <input type="hidden" name="intent" value="addConflict" />
        <FormError error={mine?.formError} />
        <div className="pool-form__row">
          <Field id="conflict-kind" label={t("pool.fields.conflictKind")} error={mine?.fieldErrors.kind}>
            <select name="kind" className="input" defaultValue="relative">
              {conflictKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`pool.conflictKind.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="conflict-target" label={t("pool.fields.conflictTarget")} error={mine?.fieldErrors.target}>
            <select name="target" className="input" value={target} onChange={(e) => setTarget(e.target.value as (typeof targets)[number])}>
              <option value="person">{t("pool.fields.targetPerson")}</option>
              <option value="representative">{t("pool.fields.targetRepresentative")}</option>
              <option value="unit">{t("pool.fields.targetUnit")}</option>
            </select>
          </Field>
        </div>
        {target === "person" ? (
          <Field id="conflict-person" label={t("pool.fields.personName")} error={mine?.fieldErrors.personName}>
            <input name="personName" className="input" maxLength={40} />
          </Field>
        ) : target === "representative" ? (
          <Field id="conflict-representative" label={t("pool.fields.otherRepresentative")} error={mine?.fieldErrors.otherRepresentativeId}>
            <select name="otherRepresentativeId" className="input" defaultValue="">
              <option value="">{t("pool.fields.choose")}</option>
              {others.map((o) => (
                <option key={o.id} value={o.id} data-user-content>
                  {o.name}
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <Field id="conflict-unit" label={t("pool.fields.conflictUnit")} error={mine?.fieldErrors.unitId}>
            <select name="unitId" className="input" defaultValue="">
              <option value="">{t("pool.fields.choose")}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id} data-user-content>
                  {u.path}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id="conflict-note" label={t("pool.fields.note")} error={mine?.fieldErrors.note}>
          <input name="note" className="input" maxLength={200} />
        </Field>
        <button type="submit" className="button button--primary button--small" disabled={busy}>
          {t("pool.actions.add")}
        </button>
      </Form>
    </section>
  );
}
