import { useTranslation } from "react-i18next";
import { tWithUser } from "~/components/system-text";
import { formatDate } from "~/utils/format";

/**
 * The letterhead of a printed ruling or resolution (A4, print stylesheet): who issued it, for which
 * community, and when. Hidden on screen, where the page header already says it.
 */
export function PrintHeader({ kind, communityName, publishedAt }: { kind: "ruling" | "resolution"; communityName: string; publishedAt: string }) {
  const { t, i18n } = useTranslation();
  const body = t(kind === "ruling" ? "portal.print.hearingBody" : "portal.print.councilBody", { community: communityName });
  return (
    <div className="print-only print-header">
      <p className="print-header__kind">{t(`portal.kind.${kind}`)}</p>
      <p>
        <span>{tWithUser(t, "portal.print.issuedBy", { body })}</span> · <span>{tWithUser(t, "portal.print.community", { community: communityName })}</span> ·{" "}
        <span>{t("portal.print.issuedOn", { date: formatDate(publishedAt, i18n.language) })}</span>
      </p>
    </div>
  );
}
