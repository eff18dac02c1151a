import { useEffect, useState } from "react";
import { SystemText, UserText, tWithUser } from "~/components/system-text";
import { useTranslation } from "react-i18next";
import { CommandForm } from "./command-form";
import { sealContribution, storedContribution } from "./draw-commit";
import type { HearingSnapshot } from "./types";

/**
 * The draw as every side sees it (protocol v2): what was fixed at opening, each party's commitment
 * then reveal, the external value named at opening, then the seed, the panel and challenges. Plain
 * words first; the hashes sit under 技术细节.
 */
export function DrawPanel({ state }: { state: HearingSnapshot }) {
  const { t } = useTranslation();
  const draw = state.draw;
  const hearingId = state.hearing.id;
  const role = state.role;
  const myBy = role.kind === "party" ? `party:${role.partyId}` : null;
  // The value lives in this browser only; read it after hydration.
  const [stored, setStored] = useState<ReturnType<typeof storedContribution>>(null);
  useEffect(() => {
    if (draw && myBy) setStored(storedContribution(draw.openingHash, myBy));
  }, [draw, myBy]);
  if (!draw) return null;
  const byLabel = (by: string) => {
    const party = state.parties.find((p) => `party:${p.id}` === by);
    return party ? (
      <>
        <SystemText text={party.side} /> <UserText>{party.name}</UserText>
      </>
    ) : (
      by
    );
  };
  const mine = myBy ? draw.contributors.find((c) => c.by === myBy) : undefined;
  const record = draw.record as null | { seed: string; secret: string; panel: string[]; challenges: { by: string; juror: string; reason: string; replacement: string }[] };
  const seated = state.panel.filter((s) => s.role === "juror" && s.status === "active");
  const deadline = draw.revealDeadline ? new Date(draw.revealDeadline).toLocaleTimeString("zh-CN", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit" }) : null;

  return (
    <section className="card stack" aria-labelledby="draw-title">
      <h2 id="draw-title">{t("hearing.draw.title")}</h2>
      <p>
        <strong>{t("hearing.draw.openingNumber", { number: draw.number })}</strong>
        {draw.priorOpenings.length ? <span className="muted">（{t("hearing.draw.supersededCount", { count: draw.priorOpenings.length })}）</span> : null}
        {" · "}
        {t("hearing.draw.eligible", { count: draw.eligibleCount })} · {t("hearing.draw.excluded", { count: draw.exclusions.length })}
      </p>
      <p className="muted">{t("hearing.draw.plain")}</p>

      <h3>{t("hearing.draw.contributions")}</h3>
      <ul className="list" aria-live="polite">
        {draw.contributors.map((c) => (
          <li key={c.by}>
            <strong>{byLabel(c.by)}</strong>
            {t("ballot.tally.colon")}
            {c.revealed ? (
              <span className="mono" data-user-content>
                {c.value}
              </span>
            ) : draw.stage === "drawn" ? (
              <span className="muted">{t("hearing.draw.notRevealed")}</span>
            ) : c.commitment ? (
              <span>{t("hearing.draw.committed")}</span>
            ) : (
              <span className="muted">{t("hearing.draw.waitingCommit")}</span>
            )}
          </li>
        ))}
        {draw.externalSource ? (
          <li key="external">
            <strong>{t("hearing.draw.external", { source: draw.externalSource.source, digits: draw.externalSource.digits })}</strong>
            {t("ballot.tally.colon")}
            {draw.external ? <span className="mono">{draw.external}</span> : <span className="muted">{t("hearing.draw.externalPending")}</span>}
          </li>
        ) : null}
      </ul>
      {draw.stage === "revealing" && deadline ? <p className="small">{t("hearing.draw.revealDeadline", { time: deadline })}</p> : null}

      {draw.stage === "committing" && myBy && mine && !mine.commitment ? (
        <CommandForm
          event="draw:commit"
          submitLabel={t("hearing.draw.commit")}
          payload={async (f) => ({ hearingId, commitment: await sealContribution(draw.openingHash, myBy, String(f.get("value") ?? "").trim()) })}
          onDone={() => setStored(storedContribution(draw.openingHash, myBy))}
        >
          <h3>{t("hearing.draw.commitTitle")}</h3>
          <div className="field">
            <label htmlFor="contribution">{t("hearing.draw.commitLabel")}</label>
            <input id="contribution" name="value" className="input" required maxLength={200} placeholder={t("system.contributionExample")} />
            <p className="muted">{t("hearing.draw.commitHint")}</p>
          </div>
        </CommandForm>
      ) : null}

      {draw.stage === "revealing" && myBy && mine && !mine.revealed ? (
        stored && stored.commitment === mine.commitment ? (
          <CommandForm event="draw:reveal" submitLabel={t("hearing.draw.reveal")} payload={() => ({ hearingId, value: stored.value, salt: stored.salt })}>
            <h3>{t("hearing.draw.revealTitle")}</h3>
            <p className="muted">{t("hearing.draw.revealHint")}</p>
            <p>
              {t("hearing.draw.commitLabel")}
              {t("ballot.tally.colon")}
              <span className="mono" data-user-content>
                {stored.value}
              </span>
            </p>
          </CommandForm>
        ) : (
          <p className="alert alert--info">{t("hearing.draw.lostValue")}</p>
        )
      ) : null}

      {draw.stage === "revealing" && role.kind === "chair" ? (
        <div className="stack">
          {draw.externalSource && !draw.external ? (
            <CommandForm event="draw:external" variant="plain" submitLabel={t("hearing.draw.externalEnter")} payload={(f) => ({ hearingId, value: String(f.get("value") ?? "") })}>
              <div className="field">
                <label htmlFor="external">{t("hearing.draw.externalValue")}（{draw.externalSource.source}）</label>
                <input id="external" name="value" className="input" maxLength={200} required inputMode="numeric" />
              </div>
            </CommandForm>
          ) : null}
          <CommandForm event="draw:run" submitLabel={t("hearing.console.runDraw")} payload={() => ({ hearingId })} />
        </div>
      ) : null}

      <p>
        <a href={`/hearings/${hearingId}/draw-receipt`} data-testid="draw-receipt">
          {t("hearing.draw.receipt")}
        </a>
      </p>

      <details>
        <summary>{t("hearing.draw.technical")}</summary>
        <dl className="facts">
          <dt>{t("hearing.draw.openingHash")}</dt>
          <dd className="mono" data-testid="draw-opening">{draw.openingHash}</dd>
          <dt>{t("hearing.draw.commitment")}</dt>
          <dd className="mono" data-testid="draw-commitment">{draw.commitment}</dd>
          <dt>{t("hearing.draw.snapshot")}</dt>
          <dd className="mono">{draw.snapshotHash}</dd>
          <dt>{t("hearing.draw.exclusionsHash")}</dt>
          <dd className="mono">{draw.exclusionsHash}</dd>
          <dt>{t("hearing.draw.lotteryHash", { count: draw.lotteryPanels })}</dt>
          <dd className="mono">{draw.lotteryHash}</dd>
          <dt>{t("hearing.draw.algorithm")}</dt>
          <dd className="mono">
            {draw.algorithm.name} v{draw.algorithm.version} · {draw.algorithm.solver}
          </dd>
          {draw.contributors
            .filter((c) => c.commitment)
            .map((c) => (
              <div key={c.by}>
                <dt>{byLabel(c.by)}</dt>
                <dd className="mono">{c.commitment}</dd>
              </div>
            ))}
          {draw.logHead ? (
            <>
              <dt>{t("hearing.draw.logHead")}</dt>
              <dd className="mono">
                #{draw.logHead.seq} {draw.logHead.hash}
              </dd>
            </>
          ) : null}
          {record ? (
            <>
              <dt>{t("hearing.draw.secret")}</dt>
              <dd className="mono">{record.secret}</dd>
              <dt>{t("hearing.draw.seed")}</dt>
              <dd className="mono" data-testid="draw-seed">{record.seed}</dd>
            </>
          ) : null}
        </dl>
      </details>

      {record ? (
        <div className="stack">
          <p>
            <a href={`/verify?hearing=${hearingId}`}>{t("hearing.draw.verify")}</a> · <a href={`/hearings/${hearingId}/draw.json`}>{t("hearing.draw.record")}</a>
          </p>
          {record.challenges.length ? (
            <ul className="list">
              {record.challenges.map((c) => (
                <li key={c.juror}>
                  {byLabel(c.by)} {t("hearing.draw.challenge")} <span className="mono">{c.juror}</span>{tWithUser(t, "system.parenthetical", { text: c.reason })}→ <span className="mono">{c.replacement}</span>
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
