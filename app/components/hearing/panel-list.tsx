import { useTranslation } from "react-i18next";
import { SystemText, UserText, systemString } from "~/components/system-text";
import type { HearingSnapshot } from "./types";

/** The jurors with their check-in and presence; the quorum line is what the chair watches. */
export function PanelList({ state, big = false }: { state: HearingSnapshot; big?: boolean }) {
  const { t } = useTranslation();
  const jurors = state.panel.filter((s) => s.role === "juror" && s.status === "active");
  const present = jurors.filter((s) => s.checkedIn).length;
  const met = present >= state.hearing.quorum;
  return (
    <section className={`card${big ? " card--big" : ""}`} aria-labelledby="panel-title">
      <h2 id="panel-title">{t("hearing.room.panel")}</h2>
      <p className={met ? "quorum quorum--met" : "quorum"} aria-live="polite">
        {t("hearing.room.quorum", { present, size: state.hearing.panelSize, quorum: state.hearing.quorum })}
        {met ? ` · ${t("hearing.room.quorumMet")}` : ""}
      </p>
      <ul className="seats">
        {jurors.map((s) => {
          const status = !s.checkedIn ? "absent" : s.online ? "present" : "away";
          return (
            <li key={s.pseudonym ?? s.label} className="seat" data-status={status}>
              <span className="seat__dot" aria-hidden="true" />
              <span className="seat__label">{s.name ? <SystemText text={s.name} /> : <SystemText text={s.label} />}</span>
              <span className="seat__status">{t(`hearing.room.${status}`)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
