import { useTranslation } from "react-i18next";
import { SystemText, OptionText, UserText } from "~/components/system-text";
import { CommandForm } from "./command-form";
import type { HearingSnapshot } from "./types";

/** The jury's private channel: only jurors and the chair receive it. */
export function Deliberation({ state }: { state: HearingSnapshot }) {
  const { t } = useTranslation();
  const open = state.hearing.status === "live" && (state.hearing.phase === "deliberation" || state.hearing.phase === "voting");
  if (!open && state.deliberation.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="deliberation-title">
      <h2 id="deliberation-title">{t("hearing.room.deliberation")}</h2>
      <ol className="transcript" aria-live="polite">
        {state.deliberation.map((m) => (
          <li key={m.id} className="transcript__entry">
            <strong>
              <SystemText text={m.author} />
            </strong>
            <p data-user-content>{m.text}</p>
          </li>
        ))}
      </ol>
      {open ? (
        <CommandForm event="hearing:deliberate" submitLabel={t("hearing.room.send")} payload={(f) => ({ hearingId: state.hearing.id, text: String(f.get("text") ?? "") })}>
          <textarea name="text" className="input" rows={2} required aria-label={t("hearing.room.deliberation")} />
        </CommandForm>
      ) : null}
    </section>
  );
}
