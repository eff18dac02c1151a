import { useTranslation } from "react-i18next";
import { SystemText, UserText } from "~/components/system-text";
import { CommandForm } from "~/components/hearing/command-form";
import { formatTime } from "~/utils/format";
import type { CouncilSnapshot } from "./types";

/** The discussion thread of one item (live region: new opinions are announced). */
export function Opinions({ state, itemId }: { state: CouncilSnapshot; itemId: number }) {
  const { t, i18n } = useTranslation();
  const entries = state.opinions.filter((o) => o.itemId === itemId);
  return (
    <div className="stack">
      <h3>{t("council.room.discussion")}</h3>
      {entries.length === 0 ? <p className="muted">{t("council.room.noOpinions")}</p> : null}
      <ol className="transcript" aria-live="polite">
        {entries.map((o) => (
          <li key={o.id} className="transcript__entry">
            <div className="transcript__meta">
              <strong><SystemText text={o.author} /></strong>
              {o.recordedByChair ? <span className="muted">{t("council.room.recordedByChair")}</span> : null}
              <time className="muted tabular" dateTime={o.at}>
                {formatTime(o.at, i18n.language)}
              </time>
            </div>
            <p><UserText>{o.text}</UserText></p>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** A participant's own opinion on the open item. */
export function OpinionForm({ councilId }: { councilId: number }) {
  const { t } = useTranslation();
  return (
    <CommandForm event="council:opinion" submitLabel={t("council.room.send")} payload={(f) => ({ councilId, text: String(f.get("text") ?? "") })}>
      <label htmlFor="opinion-text">{t("council.room.yourOpinion")}</label>
      <textarea id="opinion-text" name="text" className="input" rows={3} required maxLength={2000} />
    </CommandForm>
  );
}

/** The chair records a spoken opinion: for a participant, or for a named speaker from the floor. */
export function RecordOpinionForm({ state }: { state: CouncilSnapshot }) {
  const { t } = useTranslation();
  const councilId = state.council.id;
  return (
    <CommandForm
      event="council:opinion"
      variant="plain"
      submitLabel={t("council.console.recordOpinion")}
      payload={(f) => {
        const participantId = Number(f.get("participantId"));
        const authorName = String(f.get("authorName") ?? "").trim();
        return { councilId, text: String(f.get("text") ?? ""), ...(participantId ? { participantId } : { authorName }) };
      }}
    >
      <div className="field">
        <label htmlFor="record-participant">{t("council.console.speaker")}</label>
        <select id="record-participant" name="participantId" className="input" defaultValue={0}>
          <option value={0}>{t("council.console.speakerFromFloor")}</option>
          {state.participants.map((p) => (
            <option key={p.id} value={p.id} data-user-content>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="record-author">{t("council.console.speakerName")}</label>
        <input id="record-author" name="authorName" className="input" maxLength={60} placeholder={t("council.console.speakerNameHint")} />
      </div>
      <div className="field">
        <label htmlFor="record-text">{t("council.console.spokenOpinion")}</label>
        <textarea id="record-text" name="text" className="input" rows={3} required maxLength={2000} />
      </div>
    </CommandForm>
  );
}
