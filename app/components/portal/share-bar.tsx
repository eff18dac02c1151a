import { useTranslation } from "react-i18next";

/**
 * Print button, QR code (for the hall's notice board) and feed link of a public page. The QR is
 * generated on the server (app/utils/share.server.ts) and shown as an image; the button prints
 * with the print stylesheet (portal.css), which hides everything marked no-print.
 */
export function ShareBar({ qr, url, feedHref }: { qr: string; url: string; feedHref?: string }) {
  const { t } = useTranslation();
  return (
    <aside className="share-bar card" aria-label={t("portal.share.qr")}>
      <figure className="share-bar__qr">
        <img src={qr} width={132} height={132} alt={t("portal.share.qrAlt")} />
        <figcaption className="small">
          {t("portal.share.qr")}
          <br />
          <span className="mono share-bar__url">{url}</span>
        </figcaption>
      </figure>
      <div className="share-bar__actions no-print">
        <button type="button" className="button button--primary print-button" onClick={() => window.print()}>
          {t("portal.share.print")}
        </button>
        {feedHref ? (
          <a className="button" href={feedHref}>
            {t("portal.share.feed")}
          </a>
        ) : null}
      </div>
    </aside>
  );
}
