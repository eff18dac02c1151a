import { hearingPhases, type HearingPhase } from "../../db/schema";

/** The order of the live procedure; the server only ever moves one step forward (or to cancelled). */
export function nextPhase(phase: HearingPhase): HearingPhase | null {
  const i = hearingPhases.indexOf(phase);
  return i >= 0 && i < hearingPhases.length - 1 ? hearingPhases[i + 1] : null;
}

/** Phases in which a party holds the floor against a speaking budget. */
export const floorPhases: readonly HearingPhase[] = ["opening", "statements", "evidence", "debate"];
/** Phases in which jurors may send questions to the mediator. */
export const questionPhases: readonly HearingPhase[] = ["evidence", "debate"];
/** Parties may post written statements in these phases. */
export const statementPhases: readonly HearingPhase[] = ["statements", "debate"];

/** Hearing quorum: two thirds of the panel must be checked in before the hearing opens. */
export const hearingQuorum = (panelSize: number) => Math.ceil((panelSize * 2) / 3);

/** The default notice period (seed 001: one week's 事前预告). */
export const NOTICE_DAYS = 7;
