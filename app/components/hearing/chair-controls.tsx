import { useTranslation } from "react-i18next";
import { CommandForm } from "./command-form";
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

      {h.status === "drawing" && state.draw?.status === "drawn" ? (
        <CommandForm event="hearing:start" submitLabel={t("hearing.console.start")} payload={() => ({ hearingId })} />
      ) : null}

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
                submitLabel={t("hearing.console.giveFloor", { side: p.side })}
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
                    {t("hearing.console.recordFor", { side: p.side })}
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
                <p>{q.text}</p>
                <div className="row">
                  {state.parties.map((p) => (
                    <CommandForm
                      key={p.id}
                      event="hearing:put_question"
                      variant="plain"
                      submitLabel={t("hearing.console.putTo", { side: p.side })}
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
            payload={(f) => ({ hearingId, reasons: String(f.get("reasons") ?? ""), saying: String(f.get("saying") ?? "") })}
          >
            <div className="field">
              <label htmlFor="ruling-reasons">{t("hearing.console.reasons")}</label>
              <textarea id="ruling-reasons" name="reasons" className="input" rows={4} required minLength={4} defaultValue={state.ruling?.reasons} />
            </div>
            <div className="field">
              <label htmlFor="ruling-saying">{t("hearing.console.saying")}</label>
              <textarea id="ruling-saying" name="saying" className="input" rows={3} required minLength={2} defaultValue={state.ruling?.saying} />
            </div>
          </CommandForm>
          {state.ruling ? <CommandForm event="hearing:close" submitLabel={t("hearing.console.close")} payload={() => ({ hearingId })} /> : null}
        </div>
      ) : null}

      {h.status === "closed" ? <CommandForm event="hearing:publish" submitLabel={t("hearing.console.publish")} payload={() => ({ hearingId })} /> : null}
    </section>
  );
}

/** Opening and closing the panel's ballot; the rules are fixed when it opens. */
function ChairBallot({ state }: { state: HearingSnapshot }) {
  const { t } = useTranslation();
  const ballot = state.ballot.ballot;
  const hearingId = state.hearing.id;
  const [a, b] = state.parties;
  if (ballot?.status === "open")
    return <CommandForm event="ballot:close" variant="danger" submitLabel={t("ballot.controls.close", { defaultValue: "结束投票" })} payload={() => ({ ballotId: ballot.id })} />;
  return (
    <CommandForm
      event="ballot:open"
      submitLabel={t("ballot.controls.open", { defaultValue: "开始投票" })}
      payload={(f) => ({
        scope: "hearing",
        scopeId: hearingId,
        question: String(f.get("question") ?? ""),
        options: [
          { id: "party_a", label: String(f.get("optA") ?? "") },
          { id: "party_b", label: String(f.get("optB") ?? "") },
          { id: "both", label: String(f.get("optC") ?? "") },
        ],
        secret: f.get("secret") === "on",
        quorum: Number(f.get("quorum")),
        threshold: String(f.get("threshold")),
        tieRule: "revote",
        timeLimitSeconds: Number(f.get("minutes")) > 0 ? Math.round(Number(f.get("minutes")) * 60) : null,
      })}
    >
      <div className="field">
        <label htmlFor="ballot-question">{t("ballot.controls.question", { defaultValue: "表决事项" })}</label>
        <input id="ballot-question" name="question" className="input" required defaultValue={`${state.hearing.title}：责任如何认定？`} />
      </div>
      <div className="grid">
        <input name="optA" className="input" aria-label="选项 1" defaultValue={`支持${a?.side ?? "甲方"}`} required />
        <input name="optB" className="input" aria-label="选项 2" defaultValue={`支持${b?.side ?? "乙方"}`} required />
        <input name="optC" className="input" aria-label="选项 3" defaultValue="双方均有责任" required />
      </div>
      <div className="grid">
        <label className="row">
          <input type="checkbox" name="secret" defaultChecked /> {t("ballot.mode.secret", { defaultValue: "无记名投票" })}
        </label>
        <div className="field">
          <label htmlFor="ballot-threshold">{t("ballot.controls.threshold", { defaultValue: "通过规则" })}</label>
          <select id="ballot-threshold" name="threshold" className="input" defaultValue="majority_cast">
            {["majority_cast", "majority_eligible", "two_thirds", "unanimity"].map((v) => (
              <option key={v} value={v}>
                {t(`ballot.threshold.${v}`, { defaultValue: v })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ballot-quorum">{t("ballot.controls.quorum", { defaultValue: "最低投票人数" })}</label>
          <input id="ballot-quorum" name="quorum" type="number" className="input" min={0} max={state.hearing.panelSize} defaultValue={state.hearing.quorum} />
        </div>
        <div className="field">
          <label htmlFor="ballot-minutes">{t("ballot.controls.timeLimit", { defaultValue: "限时（分钟，可不填）" })}</label>
          <input id="ballot-minutes" name="minutes" type="number" className="input" min={0} max={120} step={0.5} />
        </div>
      </div>
    </CommandForm>
  );
}
