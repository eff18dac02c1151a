import { useTranslation } from "react-i18next";
import type { HearingSnapshot } from "./types";

const phases = ["checkin", "opening", "statements", "evidence", "debate", "deliberation", "voting", "verdict"] as const;

/** The procedure at a glance; the current phase is announced to screen readers when it changes. */
export function PhaseBar({ state }: { state: HearingSnapshot }) {
  const { t } = useTranslation();
  const current = state.hearing.phase;
  const index = current ? phases.indexOf(current) : state.hearing.status === "closed" || state.hearing.status === "published" ? phases.length : -1;
  return (
    <div className="phase-bar">
      <p className="visually-hidden" aria-live="polite">
        {current ? t("hearing.phaseNow", { phase: t(`hearing.phase.${current}`) }) : t(`hearing.status.${state.hearing.status}`)}
      </p>
      {/* Scrolls sideways on a phone: focusable, so a keyboard user can scroll it too. */}
      <ol className="phase-bar__list" aria-label={t("hearing.title")} tabIndex={0}>
        {phases.map((p, i) => (
          <li key={p} className="phase-bar__item" data-state={i < index ? "done" : i === index ? "current" : "todo"} aria-current={i === index ? "step" : undefined}>
            {t(`hearing.phase.${p}`)}
          </li>
        ))}
      </ol>
    </div>
  );
}
