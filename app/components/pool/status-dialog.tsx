import { Form, useNavigation } from "@remix-run/react";
import { AlertDialog } from "radix-ui";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Field, FormError } from "./field";
import type { FormResult } from "./form-result";

type Kind = "suspend" | "retire" | "reinstate";

/**
 * Suspend / retire / reinstate, each confirmed in an AlertDialog that asks for the reason (and, for
 * suspend and retire, since when). The dialog reopens with the errors if the server refuses the form;
 * the page remounts it (key = location) after a successful change.
 */
export function StatusDialog({ kind, today, result }: { kind: Kind; today: string; result: FormResult | null }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const mine = result?.intent === kind ? result : null;
  const [open, setOpen] = useState(mine !== null);
  const errors = mine?.fieldErrors ?? {};
  const title = t(`pool.detail.${kind}Title`);
  const danger = kind !== "reinstate";
  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      <AlertDialog.Trigger asChild>
        <button type="button" className={danger ? "button button--small pool-button--danger-outline" : "button button--small button--primary"}>
          {t(`pool.actions.${kind}`)}
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="pool-dialog__overlay" />
        <AlertDialog.Content className="pool-dialog">
          <AlertDialog.Title className="pool-dialog__title">{title}</AlertDialog.Title>
          <AlertDialog.Description className="muted">{t(`pool.detail.${kind}Lead`)}</AlertDialog.Description>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value={kind} />
            <FormError error={mine?.formError} />
            <Field id={`${kind}-reason`} label={kind === "reinstate" ? t("pool.fields.reinstateReason") : t("pool.fields.reason")} error={errors.reason}>
              <textarea name="reason" className="input" rows={2} maxLength={200} required={kind !== "reinstate"} />
            </Field>
            {kind !== "reinstate" ? (
              <Field id={`${kind}-date`} label={t("pool.fields.since")} error={errors.date}>
                <input name="date" type="date" className="input" defaultValue={today} max={today} required />
              </Field>
            ) : null}
            <div className="pool-dialog__actions">
              <AlertDialog.Cancel asChild>
                <button type="button" className="button">
                  {t("pool.actions.cancel")}
                </button>
              </AlertDialog.Cancel>
              <button type="submit" className={danger ? "button button--danger" : "button button--primary"} disabled={busy}>
                {t(`pool.actions.${kind}`)}
              </button>
            </div>
          </Form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
