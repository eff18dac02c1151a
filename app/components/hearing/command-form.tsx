import { useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { send } from "~/live/socket.client";
import { errorMessage } from "~/utils/errors";

/**
 * A small form that sends one socket command and shows its translated error. Used for every live
 * action (statements, questions, contributions…) so each gets the same busy state and error display.
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
}: {
  event: string;
  payload: (form: FormData) => Record<string, unknown> | Promise<Record<string, unknown>>;
  children?: ReactNode;
  submitLabel: string;
  onDone?: (data: unknown) => void;
  resetOnSuccess?: boolean;
  className?: string;
  variant?: "primary" | "plain" | "danger";
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    setBusy(true);
    setError(null);
    const res = await send(event, await payload(new FormData(form)));
    setBusy(false);
    if (!res.ok) return setError(errorMessage(t, res.error as never));
    if (resetOnSuccess) form.reset();
    onDone?.(res.data);
  }
  return (
    <form onSubmit={onSubmit} className={className ?? "command-form"}>
      {children}
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className={`button${variant === "primary" ? " button--primary" : variant === "danger" ? " button--danger" : ""}`} disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
