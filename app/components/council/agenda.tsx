import { Link } from "@remix-run/react";
import { UserText } from "~/components/system-text";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/utils/format";
import { approvalText, rulesText } from "./format";
import type { CouncilItemView, CouncilSnapshot } from "./types";

/** An item's state in one badge: 待审议 / 审议中 / 表决中 / 通过 78.8% / 未通过 40%. */
export function ItemBadge({ item }: { item: CouncilItemView }) {
  const { t } = useTranslation();
  if (item.status === "decided")
    return (
      <span className="badge council-outcome" data-outcome={item.outcome ?? undefined}>
        {t(`ballot.outcome.${item.outcome}`)} · {t("council.approval", { rate: approvalText(item.approvalRate) })}
      </span>
    );
  return (
    <span className="badge" data-status={item.status}>
      {t(`council.itemStatus.${item.status}`)}
    </span>
  );
}

/** Earlier councils on the same matter: each round's outcome and 同意率. */
export function PreviousRounds({ item }: { item: CouncilItemView }) {
  const { t, i18n } = useTranslation();
  if (item.previousRounds.length === 0) return null;
  return (
    <p className="muted small">
      {t("council.round", { round: item.round })}
      {t("ballot.tally.colon")}
      {item.previousRounds
        .map((r) => t("council.previousRound", { round: r.round, date: formatDate(r.heldAt, i18n.language), outcome: r.outcome ? t(`ballot.outcome.${r.outcome}`) : t("council.itemStatus.pending"), rate: approvalText(r.approvalRate) }))
        .join("；")}
    </p>
  );
}

/** The whole agenda, in order, with each item's proposal, rules and (once decided) result. */
export function Agenda({ state, linkResolutions = true }: { state: CouncilSnapshot; linkResolutions?: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="agenda-title">
      <h2 id="agenda-title">{t("council.agenda")}</h2>
      {state.items.length === 0 ? <p className="muted">{t("council.agendaEmpty")}</p> : null}
      <ol className="council-agenda">
        {state.items.map((item) => (
          <li key={item.id} className="council-agenda__item" data-current={state.council.currentItemId === item.id ? "true" : undefined}>
            <div className="room-header">
              <h3>
                {t("council.itemNumber", { n: item.number })} <UserText>{item.title}</UserText>
              </h3>
              <ItemBadge item={item} />
            </div>
            <p className="council-proposal"><UserText>{item.proposal}</UserText></p>
            <p className="muted small">{rulesText(t, item.rules)}</p>
            <PreviousRounds item={item} />
            {linkResolutions && item.resolution?.published ? (
              <p>
                <Link to={`/resolutions/${item.resolution.id}`}>{t("council.resolution.view")}</Link>
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
