import { useTranslation } from "react-i18next";

/** A visible and announced line when the live connection is down; the page keeps its last state. */
export function LiveStatus({ connected }: { connected: boolean }) {
  const { t } = useTranslation();
  return (
    <p className={connected ? "live-status live-status--ok" : "live-status"} role="status" aria-live="polite">
      {connected ? <span className="live-dot" aria-hidden="true" /> : t("hearing.room.reconnecting")}
      {connected ? <span className="visually-hidden">{t("system.connected")}</span> : null}
    </p>
  );
}
