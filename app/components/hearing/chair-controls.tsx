import { useState } from "react";
import { UserText, sideText } from "~/components/system-text";
import { useTranslation } from "react-i18next";
import { BallotControls } from "~/components/ballot";
import { send } from "~/live/socket.client";
import type { ErrorPayload } from "~/utils/errors";
import { CommandForm } from "./command-form";
import { ProcedureControls } from "./procedure-controls";
import type { HearingSnapshot } from "./types";

const order = ["checkin", "opening", "statements", "evidence", "debate", "deliberation", "voting", "verdict"] as const;
const floorPhases = ["opening", "statements", "evidence", "debate"];

/** The chair's live controls: phase, floor and timer, spoken statements, the question queue, the ruling. */
export function ChairControls({ state }: { state: HearingSnapshot }) {
  const { t } = useTranslation();
  const h = state.hearing;
  const hearingId = h.id;
  const phase = h.phase;
  const next = phase ? order[order.indexOf(phase) + 1] : undefined;
  const floorParty = state.floor.partyId;
  const hasActions = h.status === "live" || h.status === "closed" || (h.status === "drawing" && state.draw?.status === "drawn");
  if (!hasActions) return null;

  return (
    <section className="card stack chair-controls" aria-labelledby="chair-title">
      <h2 id="chair-title">{t("hearing.console.title")}</h2>

      <ProcedureControls state={state} />

      {h.status === "live" && next ? (
        <CommandForm event="hearing:advance" submitLabel={t("hearing.console.advance", { phase: t(`hearing.phase.${next}`) })} payload={() => ({ hearingId, to: next })} />
      ) : null}

      {h.status === "live" && phase && floorPhases.includes(phase) ? (
        <div className="stack">
          <div className="row" role="group" aria-label={t("hearing.room.floor")}>
            {state.parties.map((p) => (
              <CommandForm
                key={p.id}
                event="hearing:floor"
                variant={floorParty === p.id ? "primary" : "plain"}
                submitLabel={t("hearing.console.giveFloor", { side: sideText(t, p.side) })}
                payload={() => ({ hearingId, partyId: p.id })}
              />
            ))}
            {floorParty != null ? <CommandForm event="hearing:floor" variant="plain" submitLabel={t("hearing.console.takeFloor")} payload={() => ({ hearingId, partyId: null })} /> : null}
          </div>
          {floorParty != null ? (
            <div className="row">
              {state.floor.runningSince ? (
                <CommandForm event="hearing:timer" submitLabel={t("hearing.console.timerPause")} payload={() => ({ hearingId, action: "pause" })} />
              ) : (
                <CommandForm event="hearing:timer" submitLabel={t("hearing.console.timerStart")} payload={() => ({ hearingId, action: "start" })} />
              )}
            </div>
          ) : null}
          <CommandForm
            event="hearing:statement"
            variant="plain"
            submitLabel={t("hearing.room.send")}
            payload={(f) => {
              const partyId = Number(f.get("partyId"));
              return { hearingId, text: String(f.get("text") ?? ""), ...(partyId ? { partyId } : {}) };
            }}
          >
            <div className="field">
              <label htmlFor="chair-statement-party">{t("hearing.room.statement")}</label>
              <select id="chair-statement-party" name="partyId" className="input" defaultValue={floorParty ?? 0}>
                <option value={0}>{t("hearing.console.recordMine")}</option>
                {state.parties.map((p) => (
                  <option key={p.id} value={p.id}>
                    {t("hearing.console.recordFor", { side: sideText(t, p.side) })}
                  </option>
                ))}
              </select>
              <textarea name="text" className="input" rows={3} required aria-label={t("hearing.room.statement")} />
            </div>
          </CommandForm>
        </div>
      ) : null}

      {h.status === "live" && (phase === "evidence" || phase === "debate") ? (
        <div className="stack">
          <h3>{t("hearing.console.questions")}</h3>
          {state.questions.length === 0 ? <p className="muted">{t("hearing.console.noQuestions")}</p> : null}
          <ul className="list">
            {state.questions.map((q) => (
              <li key={q.id} className="stack">
                <p><UserText>{q.text}</UserText></p>
                <div className="row">
                  {state.parties.map((p) => (
                    <CommandForm
                      key={p.id}
                      event="hearing:put_question"
                      variant="plain"
                      submitLabel={t("hearing.console.putTo", { side: sideText(t, p.side) })}
                      payload={() => ({ hearingId, questionId: q.id, partyId: p.id })}
                    />
                  ))}
                  <CommandForm event="hearing:put_question" variant="plain" submitLabel={t("hearing.console.dismiss")} payload={() => ({ hearingId, questionId: q.id, partyId: null, dismiss: true })} />
                </div>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {h.status === "live" && phase === "voting" ? <ChairBallot state={state} /> : null}

      {h.status === "live" && phase === "verdict" ? (
        <div className="stack">
          <CommandForm
            event="hearing:ruling"
            resetOnSuccess={false}
            submitLabel={t("hearing.console.saveRuling")}
            doneMessage={t("procedure.ruling.saved")}
            payload={(f) => ({ hearingId, reasons: String(f.get("reasons") ?? ""), saying: String(f.get("saying") ?? "") })}
          >
            <button type="button" className="button" onClick={() => fillRulingTemplate(t("procedure.ruling.templateReasons"), t("procedure.ruling.templateSaying"))}>
              {t("procedure.ruling.template")}
            </button>
            <div className="field">
              <label htmlFor="ruling-reasons">{t("hearing.console.reasons")}</label>
              <textarea id="ruling-reasons" name="reasons" className="input" rows={4} required minLength={4} defaultValue={state.ruling?.reasons} />
            </div>
            <div className="field">
              <label htmlFor="ruling-saying">{t("hearing.console.saying")}</label>
              <textarea id="ruling-saying" name="saying" className="input" rows={3} required minLength={2} defaultValue={state.ruling?.saying} />
            </div>
          </CommandForm>
          {state.ruling ? (
            <CommandForm
              event="hearing:close"
              submitLabel={t("hearing.console.close")}
              confirm={{ title: t("procedure.close.confirm"), body: t("procedure.close.body"), action: t("procedure.close.action") }}
              payload={() => ({ hearingId })}
            />
          ) : null}
        </div>
      ) : null}

      {h.status === "closed" ? (
        <CommandForm
          event="hearing:publish"
          submitLabel={t("hearing.console.publish")}
          confirm={{ title: t("procedure.publish.confirm"), body: t("procedure.publish.body"), action: t("procedure.publish.action") }}
          payload={() => ({ hearingId })}
        />
      ) : null}
    </section>
  );
}

/** The ruling template starts empty fields only: a chair's own words are never overwritten. */
function fillRulingTemplate(reasons: string, saying: string) {
  for (const [id, text] of [
    ["ruling-reasons", reasons],
    ["ruling-saying", saying],
  ] as const) {
    const field = document.getElementById(id) as HTMLTextAreaElement | null;
    if (field && !field.value.trim()) field.value = text;
  }
  document.getElementById("ruling-reasons")?.focus();
}

/** The ballot engine's chair controls, wired to this hearing's socket commands. */
function ChairBallot({ state }: { state: HearingSnapshot }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const run = async (event: string, payload: unknown) => {
    setBusy(true);
    setError(null);
    const res = await send(event, payload);
    setBusy(false);
    if (!res.ok) setError(res.error as ErrorPayload);
  };
  const eligible = state.panel.filter((s) => s.role === "juror" && s.status === "active" && s.checkedIn).length;
  return (
    <BallotControls
      scope="hearing"
      scopeId={state.hearing.id}
      eligibleCount={eligible}
      ballot={state.ballot.ballot}
      busy={busy}
      error={error}
      defaultQuestion={t("system.hearingQuestion", { title: state.hearing.title })}
      onOpen={(input) => void run("ballot:open", input)}
      onClose={(ballotId) => void run("ballot:close", { ballotId })}
      onResolveTie={(input) => void run("ballot:resolve_tie", input)}
    />
  );
}
