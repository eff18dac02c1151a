import { Form, useNavigation } from "@remix-run/react";
import { AlertDialog } from "radix-ui";
import { useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * A button that asks before it posts `intent` (Radix AlertDialog): disabling an account, resetting a
 * password, retiring a unit. `fields` go with the form as hidden inputs.
 */
export function ConfirmForm({
  intent,
  label,
  question,
  fields = {},
  danger = false,
  action,
}: {
  intent: string;
  label: string;
  question: string;
  fields?: Record<string, string | number>;
  danger?: boolean;
  action?: string;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const [open, setOpen] = useState(false);
  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      <AlertDialog.Trigger asChild>
        <button type="button" className={danger ? "button button--small button--danger" : "button button--small"}>
          {label}
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="admin-dialog__overlay" />
        <AlertDialog.Content className="admin-dialog">
          <AlertDialog.Title className="admin-dialog__title">{label}</AlertDialog.Title>
          <AlertDialog.Description>{question}</AlertDialog.Description>
          <Form method="post" action={action} onSubmit={() => setOpen(false)}>
            <input type="hidden" name="intent" value={intent} />
            {Object.entries(fields).map(([k, v]) => (
              <input key={k} type="hidden" name={k} value={v} />
            ))}
            <div className="admin-dialog__actions">
              <AlertDialog.Cancel asChild>
                <button type="button" className="button">
                  {t("admin.user.cancel")}
                </button>
              </AlertDialog.Cancel>
              <button type="submit" className={danger ? "button button--danger" : "button button--primary"} disabled={busy}>
                {t("admin.user.confirm")}
              </button>
            </div>
          </Form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

/** The answer of an admin action: a message key (with values), a one-time link, or a translated error. */
export type AdminResult = { ok: true; message: string; values?: Record<string, string | number>; link?: { url: string; expiresAt: string } };
