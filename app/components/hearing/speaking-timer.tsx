import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FloorState, HearingSnapshot } from "./types";

/** Milliseconds the floor holder has spoken in this turn, by the server's clock. */
function turnElapsed(floor: FloorState, offsetMs: number): number {
  if (!floor.runningSince) return floor.elapsedMs;
  return floor.elapsedMs + (Date.now() + offsetMs - Date.parse(floor.runningSince));
}

const fmt = (ms: number) => {
  const s = Math.floor(Math.abs(ms) / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
};

/**
 * Everyone sees the same countdown: it is computed from the server's start time and the offset
 * between the server's clock and this device's, never from when this device received the event.
 */
export function SpeakingTimer({ state, big = false }: { state: HearingSnapshot; big?: boolean }) {
  const { t } = useTranslation();
  const { floor } = state;
  const [offset, setOffset] = useState(0);
  const [, tick] = useState(0);
  useEffect(() => setOffset(Date.parse(floor.serverTime) - Date.now()), [floor.serverTime]);
  useEffect(() => {
    if (!floor.runningSince) return;
    const id = setInterval(() => tick((n) => n + 1), 250);
    return () => clearInterval(id);
  }, [floor.runningSince]);

  const party = state.parties.find((p) => p.id === floor.partyId);
  if (!party || !floor.phase) {
    return (
      <div className={`timer${big ? " timer--big" : ""}`} aria-live="polite">
        <span className="timer__speaker muted">{t("hearing.room.nobodySpeaking")}</span>
      </div>
    );
  }
  const budgetMs = (state.hearing.speakingBudgets[floor.phase] ?? 0) * 1000;
  const usedBefore = floor.used.find((u) => u.partyId === party.id && u.phase === floor.phase)?.usedMs ?? 0;
  const remaining = budgetMs - usedBefore - turnElapsed(floor, offset);
  const overtime = remaining < 0;
  const lastMinute = !overtime && remaining <= 60_000;
  return (
    <div className={`timer${big ? " timer--big" : ""}${overtime ? " timer--over" : ""}`} data-running={floor.runningSince ? "true" : "false"}>
      <span className="timer__speaker">{t("hearing.room.speaking", { speaker: `${party.side} ${party.name}` })}</span>
      <span className="timer__clock tabular" role="timer" aria-label={overtime ? t("hearing.room.overtime") : t("hearing.room.remaining")}>
        {overtime ? "+" : ""}
        {fmt(remaining)}
      </span>
      <span className="timer__label">{overtime ? t("hearing.room.overtime") : t("hearing.room.remaining")}</span>
      {/* Screen readers hear the last minute and the overtime once, not every second. */}
      <span className="visually-hidden" aria-live="assertive">
        {overtime ? t("hearing.room.overtime") : lastMinute ? t("hearing.room.remaining") + " 1:00" : ""}
      </span>
    </div>
  );
}
