import { useTranslation } from "react-i18next";
import { SystemText, OptionText, UserText } from "~/components/system-text";
import { formatTime } from "~/utils/format";
import type { HearingSnapshot } from "./types";

export function Transcript({ state, limit }: { state: HearingSnapshot; limit?: number }) {
  const { t, i18n } = useTranslation();
  const entries = limit ? state.transcript.slice(-limit) : state.transcript;
  return (
    <section className="card" aria-labelledby="transcript-title">
      <h2 id="transcript-title">{t("hearing.room.transcript")}</h2>
      {entries.length === 0 ? <p className="muted">{t("hearing.room.transcriptEmpty")}</p> : null}
      <ol className="transcript" aria-live="polite">
        {entries.map((e, i) => (
          <li key={e.id ?? `x${i}`} className="transcript__entry">
            <div className="transcript__meta">
              <strong>
                <SystemText text={e.speaker} />
              </strong>
              <span className="badge">{t(`hearing.phase.${e.phase}`)}</span>
              {e.recordedByMediator ? <span className="muted">{t("system.recordedByChair")}</span> : null}
              <time className="muted tabular" dateTime={e.at}>
                {formatTime(e.at, i18n.language)}
              </time>
            </div>
            <p>
              <SystemText text={e.text} />
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
