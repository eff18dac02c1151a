import { useTranslation } from "react-i18next";
import type { BallotOption } from "../../../db/schema";
import type { PublishedReceipt } from "../../../server/ballots/protocol";
import { formatReceipt, optionLabel } from "./format";

export type ReceiptListProps = {
  /** From `ballot:closed` or `ballot:receipts`, sorted by receipt. */
  receipts: PublishedReceipt[];
  options: BallotOption[];
  /** The receipt this device kept when it voted, if any: highlighted, and reported if missing. */
  ownReceipt?: string | null;
};

/**
 * The published receipts of a closed ballot (回执公示): every voter can find their own code and
 * check that their vote was counted as cast, without anyone learning who cast which.
 */
export function ReceiptList({ receipts, options, ownReceipt }: ReceiptListProps) {
  const { t } = useTranslation();
  const own = ownReceipt ? receipts.find((r) => r.receipt === ownReceipt) : undefined;
  return (
    <section className="ballot-receipts" aria-labelledby="ballot-receipts-title">
      <h2 id="ballot-receipts-title">{t("ballot.receipts.title")}</h2>
      <p className="muted">{t("ballot.receipts.intro")}</p>
      {ownReceipt ? (
        <p className={own ? "alert alert--success" : "alert alert--error"} role="status">
          {own
            ? t("ballot.receipts.ownFound", { option: optionLabel(options, own.optionId, t) })
            : t("ballot.receipts.ownMissing", { receipt: formatReceipt(ownReceipt) })}
        </p>
      ) : null}
      {receipts.length === 0 ? (
        <p>{t("ballot.receipts.empty")}</p>
      ) : (
        <table className="ballot-receipts__table">
          <caption className="muted">{t("ballot.receipts.count", { count: receipts.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("ballot.receipts.receipt")}</th>
              <th scope="col">{t("ballot.receipts.choice")}</th>
            </tr>
          </thead>
          <tbody>
            {receipts.map((r) => {
              const mine = r.receipt === ownReceipt;
              return (
                <tr key={r.receipt} data-own={mine ? "true" : undefined} aria-current={mine ? "true" : undefined}>
                  <td className="mono tabular">
                    {formatReceipt(r.receipt)}
                    {mine ? <span className="badge ballot-receipts__own">{t("ballot.receipts.own")}</span> : null}
                  </td>
                  <td>{optionLabel(options, r.optionId, t)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
