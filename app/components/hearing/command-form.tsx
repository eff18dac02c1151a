import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { AlertDialog } from "radix-ui";
import { useTranslation } from "react-i18next";
import { send } from "~/live/socket.client";
import { errorMessage } from "~/utils/errors";

/** An irreversible step asks first (issue 14): the question, and the words on the button that goes ahead. */
export type Confirmation = { title: string; body?: string; action: string };

/**
 * A small form that sends one socket command and shows its translated error. Used for every live
 * action (statements, questions, contributions…) so each gets the same busy state and error display.
 * With `confirm`, submitting asks in a dialog before anything is sent; with `doneMessage`, a success
 * is said in words (a polite status) until the next submission.
 */
export function CommandForm({
  event,
  payload,
  children,
  submitLabel,
  onDone,
  resetOnSuccess = true,
  className,
  variant = "primary",
  confirm,
  doneMessage,
}: {
  event: string;
  payload: (form: FormData) => Record<string, unknown> | Promise<Record<string, unknown>>;
  children?: ReactNode;
  submitLabel: string;
  onDone?: (data: unknown) => void;
  resetOnSuccess?: boolean;
  className?: string;
  variant?: "primary" | "plain" | "danger";
  confirm?: Confirmation;
  doneMessage?: string;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [asking, setAsking] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  async function run() {
    const form = formRef.current;
    if (!form) return;
    setBusy(true);
    setError(null);
    setDone(false);
    const res = await send(event, await payload(new FormData(form)));
    setBusy(false);
    if (!res.ok) return setError(errorMessage(t, res.error as never));
    if (resetOnSuccess) form.reset();
    setDone(true);
    onDone?.(res.data);
  }
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (confirm) setAsking(true);
    else void run();
  }
  const buttonClass = `button${variant === "primary" ? " button--primary" : variant === "danger" ? " button--danger" : ""}`;
  return (
    <form ref={formRef} onSubmit={onSubmit} onInput={() => setDone(false)} className={className ?? "command-form"}>
      {children}
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      {done && doneMessage ? (
        <p className="alert alert--success" role="status">
          {doneMessage}
        </p>
      ) : null}
      <button type="submit" className={buttonClass} disabled={busy}>
        {submitLabel}
      </button>
      {confirm ? (
        <AlertDialog.Root open={asking} onOpenChange={setAsking}>
          <AlertDialog.Portal>
            <AlertDialog.Overlay className="ballot-dialog__overlay" />
            <AlertDialog.Content className="ballot-dialog">
              <AlertDialog.Title className="ballot-dialog__title">{confirm.title}</AlertDialog.Title>
              <AlertDialog.Description className="ballot-dialog__body">{confirm.body ?? ""}</AlertDialog.Description>
              <div className="ballot-dialog__actions">
                <AlertDialog.Cancel asChild>
                  <button type="button" className="button">
                    {t("procedure.dialog.back")}
                  </button>
                </AlertDialog.Cancel>
                <AlertDialog.Action asChild>
                  <button type="button" className={buttonClass} onClick={() => void run()}>
                    {confirm.action}
                  </button>
                </AlertDialog.Action>
              </div>
            </AlertDialog.Content>
          </AlertDialog.Portal>
        </AlertDialog.Root>
      ) : null}
    </form>
  );
}
