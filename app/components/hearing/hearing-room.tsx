import { useTranslation } from "react-i18next";
import { SystemText, UserText, systemString } from "~/components/system-text";
import { useLiveRoom } from "~/live/use-live-room";
import { formatDateTime } from "~/utils/format";
import { applyHearingEvent } from "./apply-event";
import { ChairControls } from "./chair-controls";
import { CommandForm } from "./command-form";
import { Deliberation } from "./deliberation";
import { DrawPanel } from "./draw-panel";
import { Exhibits } from "./exhibits";
import { HearingBallot } from "./hearing-ballot";
import { LiveStatus } from "./live-status";
import { PanelList } from "./panel-list";
import { PhaseBar } from "./phase-bar";
import { SpeakingTimer } from "./speaking-timer";
import { Transcript } from "./transcript";
import { ChallengePanel } from "./challenge-panel";
import { RulingAnnouncement } from "./ruling-announcement";
import type { HearingSnapshot } from "./types";

/** Keeps a hearing snapshot live over the socket (join, events with sequence numbers, resync). */
export function useHearing(initial: HearingSnapshot) {
  return useLiveRoom<HearingSnapshot>({ joinEvent: "hearing:join", payload: { hearingId: initial.hearing.id }, initial, apply: applyHearingEvent });
}

/**
 * The live room for the chair, a party, a juror or a spectator: the same state, with each role's
 * own actions. The server decides the role; the page only shows what that role may do.
 */
export function HearingRoom({ initial, extra }: { initial: HearingSnapshot; extra?: (state: HearingSnapshot) => React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const { state, connected, resync } = useHearing(initial);
  const h = state.hearing;
  const role = state.role;
  const canAsk = role.kind === "juror" && h.status === "live" && (h.phase === "evidence" || h.phase === "debate");
  const canState = role.kind === "party" && h.status === "live" && (h.phase === "statements" || h.phase === "debate");
  const lateJuror = role.kind === "juror" && state.ballot.ballot?.status === "open" && state.onOpenBallot === false;
  const showDraw = state.draw && (h.status === "drawing" || role.kind !== "spectator");
  // Floor rule (issue 14): during statements a party writes only while it holds the floor.
  const holdsFloor = role.kind === "party" && (h.phase !== "statements" || state.floor.partyId === role.partyId);

  return (
    <div className="stack">
      <header className="room-header">
        <div>
          <p className="badge">{t(`hearing.status.${h.status}`)}</p>
          <h1><UserText>{h.title}</UserText></h1>
          <p className="muted">
            {formatDateTime(h.scheduledAt, i18n.language)} · <UserText>{h.place}</UserText> · {t("hearing.room.youAre", { role: t(`hearing.room.role.${role.kind}`) })}
          </p>
        </div>
        <LiveStatus connected={connected} />
      </header>
      <PhaseBar state={state} />
      {h.earlyStartReason ? <p className="alert alert--info">{t("procedure.start.earlyPublic", { reason: h.earlyStartReason })}</p> : null}

      <RulingAnnouncement state={state} />

      {role.kind === "juror" && h.status !== "live" && h.status !== "closed" && h.status !== "published" && h.status !== "cancelled" ? (
        <section className="card" data-testid="juror-before-start">
          <p>{t("procedure.juror.startsAt", { time: formatDateTime(h.scheduledAt, i18n.language), place: h.place })}</p>
        </section>
      ) : null}
      {role.kind === "juror" && state.mySeat ? <p className="badge" data-testid="my-seat">{t("procedure.juror.seat", { seat: systemString(t, state.mySeat) })}</p> : null}

      {role.kind === "juror" && h.status === "live" ? (
        <section className="card">
          {state.role.kind === "juror" && state.role.checkedIn ? (
            <p className="alert alert--success">{t("hearing.room.checkedIn")}</p>
          ) : (
            // The public panel event does not say which seat is this juror's: take a fresh snapshot.
            <CommandForm event="hearing:checkin" submitLabel={t("hearing.room.checkin")} payload={() => ({ hearingId: h.id })} onDone={() => void resync()} />
          )}
        </section>
      ) : null}

      {extra?.(state)}

      <div className="room-layout">
        <div className="stack">
          {h.status === "live" ? <SpeakingTimer state={state} /> : null}
          {state.ballot.ballot && (h.phase === "voting" || h.phase === "verdict" || h.status !== "live") ? <HearingBallot state={state} /> : null}
          {role.kind === "chair" ? <ChairControls state={state} /> : null}
          {lateJuror ? (
            <p className="alert alert--info" role="status" data-testid="not-your-ballot">
              {t("procedure.juror.notYourBallot")}
            </p>
          ) : null}
          {canState && holdsFloor ? (
            <section className="card">
              <CommandForm event="hearing:statement" submitLabel={t("hearing.room.send")} payload={(f) => ({ hearingId: h.id, text: String(f.get("text") ?? "") })}>
                <label htmlFor="statement">{t("hearing.room.statement")}</label>
                <textarea id="statement" name="text" className="input" rows={4} required />
              </CommandForm>
            </section>
          ) : null}
          {canAsk ? (
            <section className="card">
              <CommandForm event="hearing:question" submitLabel={t("hearing.room.send")} payload={(f) => ({ hearingId: h.id, text: String(f.get("text") ?? "") })}>
                <label htmlFor="question">{t("hearing.room.ask")}</label>
                <textarea id="question" name="text" className="input" rows={2} required minLength={2} />
              </CommandForm>
            </section>
          ) : null}
          {role.kind === "chair" || role.kind === "juror" ? <Deliberation state={state} /> : null}
          <Transcript state={state} />
          {h.status === "live" || state.exhibits.length || state.canUpload ? <Exhibits state={state} /> : null}
        </div>
        <div className="stack">
          {state.panel.length ? <PanelList state={state} /> : null}
          <section className="card">
            <h2>{t("hearing.room.parties")}</h2>
            <ul className="list">
              {state.parties.map((p) => (
                <li key={p.id}>
                  <strong>
                    <SystemText text={p.side} />
                  </strong> <SystemText text={p.name} />
                </li>
              ))}
            </ul>
          </section>
          <ChallengePanel state={state} />
          {showDraw ? <DrawPanel state={state} /> : null}
        </div>
      </div>
    </div>
  );
}
