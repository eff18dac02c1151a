import { useTranslation } from "react-i18next";
import { UserText } from "~/components/system-text";
import { PreviousRounds, ItemBadge } from "./agenda";
import { CouncilBallot } from "./council-ballot";
import { rulesText } from "./format";
import { OpinionForm, Opinions } from "./opinions";
import type { CouncilSnapshot } from "./types";

/** The item under discussion or vote: proposal, rules, the vote, the discussion thread. */
export function CurrentItem({ state, big = false }: { state: CouncilSnapshot; big?: boolean }) {
  const { t } = useTranslation();
  const item = state.items.find((i) => i.id === state.council.currentItemId);
  if (!item) {
    return state.council.status === "live" ? (
      <section className="card">
        <p className="muted" role="status">
          {t("council.room.waitingForItem")}
        </p>
      </section>
    ) : null;
  }
  const canSpeak = (state.role.kind === "member" || state.role.kind === "guest") && item.status === "open" && state.council.status === "live";
  return (
    <section className="card stack council-current" aria-labelledby="current-title" aria-live="polite">
      <div className="room-header">
        <h2 id="current-title">
          {t("council.itemNumber", { n: item.number })} <UserText>{item.title}</UserText>
        </h2>
        <ItemBadge item={item} />
      </div>
      {/* The hall's screen keeps the vote above the fold: the proposal is on everyone's phone. */}
      {big && item.status === "voting" ? null : (
        <>
          <p className="council-proposal"><UserText>{item.proposal}</UserText></p>
          <p className="muted small">{rulesText(t, item.rules)}</p>
          <PreviousRounds item={item} />
        </>
      )}
      <CouncilBallot state={state} itemId={item.id} big={big} />
      {big ? null : <Opinions state={state} itemId={item.id} />}
      {canSpeak ? <OpinionForm councilId={state.council.id} /> : null}
    </section>
  );
}
