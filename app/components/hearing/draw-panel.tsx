import { useTranslation } from "react-i18next";
import { CommandForm } from "./command-form";
import type { HearingSnapshot } from "./types";

/** The draw as every side sees it: commitment, contributions, then the seed, the panel and challenges. */
export function DrawPanel({ state }: { state: HearingSnapshot }) {
  const { t } = useTranslation();
  const draw = state.draw;
  const hearingId = state.hearing.id;
  if (!draw) return null;
  const byLabel = (by: string) => {
    if (by === "external") return "公开外部数值";
    const party = state.parties.find((p) => `party:${p.id}` === by);
    return party ? `${party.side} ${party.name}` : by;
  };
  const role = state.role;
  const myBy = role.kind === "party" ? `party:${role.partyId}` : null;
  const contributed = myBy ? draw.contributions.some((c) => c.by === myBy) : false;
  const record = draw.record as null | { seed: string; secret: string; panel: string[]; challenges: { by: string; juror: string; reason: string; replacement: string }[] };

  return (
    <section className="card stack" aria-labelledby="draw-title">
      <h2 id="draw-title">{t("hearing.draw.title")}</h2>
      <dl className="facts">
        <dt>{t("hearing.draw.commitment")}</dt>
        <dd className="mono" data-testid="draw-commitment">{draw.commitment}</dd>
        <dt>{t("hearing.draw.snapshot")}</dt>
        <dd className="mono">{draw.snapshotHash}</dd>
        <dt>{t("hearing.draw.eligible", { count: draw.eligibleCount })}</dt>
        <dd>{t("hearing.draw.excluded", { count: draw.exclusions.length })}</dd>
      </dl>

      <h3>{t("hearing.draw.contributions")}</h3>
      <ul className="list" aria-live="polite">
        {state.parties.map((p) => {
          const c = draw.contributions.find((x) => x.by === `party:${p.id}`);
          return (
            <li key={p.id}>
              <strong>{p.side} {p.name}</strong>：{c ? <span className="mono">{c.value}</span> : <span className="muted">{t("hearing.draw.waiting")}</span>}
            </li>
          );
        })}
        {draw.contributions
          .filter((c) => c.by === "external")
          .map((c) => (
            <li key="external">
              <strong>{byLabel(c.by)}</strong>：<span className="mono">{c.value}</span>
            </li>
          ))}
      </ul>

      {draw.status === "collecting" && role.kind === "party" && !contributed ? (
        <CommandForm event="draw:contribute" submitLabel={t("hearing.draw.contribute")} payload={(f) => ({ hearingId, value: String(f.get("value") ?? "") })}>
          <div className="field">
            <label htmlFor="contribution">{t("hearing.draw.contribute")}</label>
            <input id="contribution" name="value" className="input" required maxLength={200} placeholder="例如：3 5 2 6 1 4" />
            <p className="muted">{t("hearing.draw.contributeHint")}</p>
          </div>
        </CommandForm>
      ) : null}

      {draw.status === "collecting" && role.kind === "chair" ? (
        <div className="stack">
          <CommandForm event="draw:external" variant="plain" submitLabel={t("hearing.console.external")} payload={(f) => ({ hearingId, value: String(f.get("value") ?? "") })}>
            <div className="field">
              <label htmlFor="external">{t("hearing.console.external")}</label>
              <input id="external" name="value" className="input" maxLength={200} required />
            </div>
          </CommandForm>
          <CommandForm event="draw:run" submitLabel={t("hearing.console.runDraw")} payload={() => ({ hearingId })} />
        </div>
      ) : null}

      {record ? (
        <div className="stack">
          <dl className="facts">
            <dt>{t("hearing.draw.secret")}</dt>
            <dd className="mono">{record.secret}</dd>
            <dt>{t("hearing.draw.seed")}</dt>
            <dd className="mono" data-testid="draw-seed">{record.seed}</dd>
          </dl>
          <p>
            <a href={`/verify?hearing=${hearingId}`}>{t("hearing.draw.verify")}</a> · <a href={`/hearings/${hearingId}/draw.json`}>{t("hearing.draw.record")}</a>
          </p>
          {record.challenges.length ? (
            <ul className="list">
              {record.challenges.map((c) => (
                <li key={c.juror}>
                  {byLabel(c.by)} {t("hearing.draw.challenge")} <span className="mono">{c.juror}</span>（{c.reason}）→ <span className="mono">{c.replacement}</span>
                </li>
              ))}
            </ul>
          ) : null}
          {/* 申请回避 is its own procedure now: challenge-panel.tsx (issue 14). */}
        </div>
      ) : null}
    </section>
  );
}
