import { useTranslation } from "react-i18next";
import { CommandForm } from "~/components/hearing/command-form";
import { RecordOpinionForm } from "./opinions";
import type { CouncilSnapshot } from "./types";

/**
 * The chair's live controls, one step at a time: start, take up an item, put it to the vote, close
 * the vote, settle a tie, defer, end. Each button sends one command; the server checks the order.
 */
export function ChairControls({ state }: { state: CouncilSnapshot }) {
  const { t } = useTranslation();
  const c = state.council;
  const councilId = c.id;
  const current = state.items.find((i) => i.id === c.currentItemId);
  const ballot = state.ballot.ballot && current && state.ballot.ballot.itemId === current.id ? state.ballot.ballot : null;
  const busy = state.items.some((i) => i.status === "open" || i.status === "voting");
  const pending = state.items.filter((i) => i.status === "pending");
  const tie = current?.status === "voting" && ballot?.status === "closed" && ballot.result?.outcome === "tie" ? ballot : null;

  return (
    <section className="card stack chair-controls" aria-labelledby="chair-title">
      <h2 id="chair-title">{t("council.console.title")}</h2>

      {c.status === "announced" ? (
        <CommandForm
          event="council:start"
          submitLabel={t("council.console.start")}
          payload={(f) => {
            const reason = String(f.get("reason") ?? "").trim();
            return { councilId, ...(reason ? { reason } : {}) };
          }}
        >
          {/* The notice is respected (issue 14): starting early needs a reason, which is published. */}
          <p className="muted">{t("procedure.start.earlyHint", { minutes: 15 })}</p>
          <div className="field">
            <label htmlFor="council-early-reason">{t("procedure.start.reason")}</label>
            <input id="council-early-reason" name="reason" className="input" maxLength={500} />
          </div>
        </CommandForm>
      ) : null}

      {c.status === "live" && !busy && pending.length ? (
        <div className="stack">
          <p className="muted">{t("council.console.nextItemHint")}</p>
          <div className="row">
            {pending.map((i) => (
              <CommandForm key={i.id} event="council:open_item" variant={i === pending[0] ? "primary" : "plain"} submitLabel={t("council.console.openItem", { n: i.number })} payload={() => ({ councilId, itemId: i.id })} />
            ))}
          </div>
        </div>
      ) : null}

      {c.status === "live" && current?.status === "open" ? (
        <div className="row">
          <CommandForm event="council:vote" submitLabel={t("council.console.putToVote")} payload={() => ({ councilId, itemId: current.id })} />
          <CommandForm event="council:defer_item" variant="plain" submitLabel={t("council.console.defer")} payload={() => ({ councilId, itemId: current.id })} />
        </div>
      ) : null}

      {c.status === "live" && ballot?.status === "open" ? (
        <CommandForm event="ballot:close" variant="danger" submitLabel={t("council.console.closeVote")} payload={() => ({ ballotId: ballot.id })} />
      ) : null}

      {tie && tie.tieRule === "revote" && current ? (
        <div className="stack">
          <p className="alert alert--info">{t("council.console.tieRevote")}</p>
          <CommandForm event="council:vote" submitLabel={t("council.console.revote")} payload={() => ({ councilId, itemId: current.id })} />
        </div>
      ) : null}

      {tie && tie.tieRule === "chair_decides" && current ? (
        <CommandForm
          event="council:resolve_tie"
          submitLabel={t("council.console.resolveTie")}
          payload={(f) => ({ councilId, itemId: current.id, optionId: String(f.get("optionId")), reason: String(f.get("reason") ?? "") })}
        >
          <p className="alert alert--info">{t("council.console.tieChair")}</p>
          <fieldset className="field">
            <legend>{t("council.console.tieDecision")}</legend>
            <label>
              <input type="radio" name="optionId" value="for" required /> {t("ballot.defaults.council.for")}
            </label>
            <label>
              <input type="radio" name="optionId" value="against" /> {t("ballot.defaults.council.against")}
            </label>
          </fieldset>
          <div className="field">
            <label htmlFor="tie-reason">{t("ballot.controls.resolveReason")}</label>
            <textarea id="tie-reason" name="reason" className="input" rows={2} required minLength={2} />
          </div>
        </CommandForm>
      ) : null}

      {c.status === "live" && current?.status === "open" ? <RecordOpinionForm state={state} /> : null}

      {c.status === "live" && !state.items.some((i) => i.status === "voting") ? (
        <details>
          <summary>{t("council.console.end")}</summary>
          <p className="muted">{pending.length || busy ? t("council.console.endWithPending") : t("council.console.endHint")}</p>
          <CommandForm event="council:end" variant="danger" submitLabel={t("council.console.endConfirm")} payload={() => ({ councilId })} />
        </details>
      ) : null}
    </section>
  );
}
