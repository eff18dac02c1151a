import { useTranslation } from "react-i18next";
import { SystemText } from "~/components/system-text";
import type { CouncilSnapshot } from "./types";

/** Who takes part: voting members, non-voting representatives (列席) and guests, with check-in. */
export function Participants({ state }: { state: CouncilSnapshot }) {
  const { t } = useTranslation();
  const voting = state.participants.filter((p) => p.voting);
  const present = voting.filter((p) => p.checkedIn).length;
  return (
    <section className="card stack" aria-labelledby="participants-title">
      <h2 id="participants-title">{t("council.room.participants")}</h2>
      <p className={present > 0 ? "quorum quorum--met" : "quorum"} aria-live="polite">
        {t("council.room.presentVoters", { present, total: voting.length })}
      </p>
      <ul className="seats">
        {state.participants.map((p) => (
          <li key={p.id} className="seat" data-status={p.checkedIn ? "present" : "absent"}>
            <span className="seat__dot" aria-hidden="true" />
            <span className="seat__label"><SystemText text={p.name} /></span>
            <span className="seat__status">
              {p.kind === "guest" ? t("council.participant.guest") : p.voting ? t("council.participant.voting") : t("council.participant.observer")}
              {p.checkedIn ? ` · ${t("council.participant.present")}` : ""}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
