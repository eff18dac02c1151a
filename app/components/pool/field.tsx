import { Label } from "radix-ui";
import type { ReactElement } from "react";
import { cloneElement } from "react";
import { useTranslation } from "react-i18next";
import type { FieldMessage } from "./form-result";

/**
 * A labelled form field with its hint and its error, wired for screen readers: the control gets the
 * id, aria-invalid and aria-describedby, so the message is read out when the field is focused.
 */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: FieldMessage;
  children: ReactElement<Record<string, unknown>>;
}) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <Label.Root htmlFor={id}>{label}</Label.Root>
      {cloneElement(children, { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint ? (
        <span id={hintId} className="muted pool-hint">
          {hint}
        </span>
      ) : null}
      {error ? <FieldErrorText id={errorId!} message={t(error.key, error.values ?? {})} /> : null}
    </div>
  );
}

export function FieldErrorText({ id, message }: { id: string; message: string }) {
  return (
    <span id={id} className="pool-field-error" role="alert">
      {message}
    </span>
  );
}

/** The error that belongs to the form as a whole (e.g. a status that changed meanwhile). */
export function FormError({ error }: { error: FieldMessage | null | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="alert alert--error" role="alert">
      {t(error.key, error.values ?? {})}
    </div>
  );
}

/**
 * A summary of a form's field errors, for forms that live in a dialog: the page shows it even before the
 * dialog (rendered in a portal, in the browser only) reopens, and a screen reader announces it.
 */
export function ErrorSummary({ errors, labels }: { errors: Record<string, FieldMessage>; labels: Record<string, string> }) {
  const { t } = useTranslation();
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div className="alert alert--error" role="alert">
      <ul className="pool-error-summary">
        {entries.map(([field, message]) => (
          <li key={field}>
            {labels[field] ? `${labels[field]}：` : null}
            {t(message.key, message.values ?? {})}
          </li>
        ))}
      </ul>
    </div>
  );
}
