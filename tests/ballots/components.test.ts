import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { BallotControls } from "../../app/components/ballot/ballot-controls";
import { ReceiptList } from "../../app/components/ballot/receipt-list";
import { TallyBoard } from "../../app/components/ballot/tally-board";
import { VoteCard } from "../../app/components/ballot/vote-card";
import { createI18n } from "../../app/i18n";
import type { BallotView } from "../../server/ballots/protocol";
import { computeResult } from "../../server/ballots/result";
import { hearingOptions } from "./factories";

const render = (el: ReactElement, lng: "zh" | "en" = "zh") => renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n(lng) }, el));
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

const ballot = (over: Partial<BallotView> = {}): BallotView => ({
  id: 7,
  scope: "hearing",
  scopeId: 3,
  itemId: null,
  question: "评理团认为本纠纷的责任在哪一方？",
  options: hearingOptions,
  secret: true,
  quorum: 4,
  threshold: "majority_cast",
  passOptionId: null,
  tieRule: "revote",
  allowChange: false,
  status: "open",
  openedAt: "2026-11-22T02:00:00.000Z",
  closesAt: null,
  closedAt: null,
  tally: { ballotId: 7, eligible: 7, cast: 5 },
  result: null,
  ...over,
});
const noop = () => {};

describe("ballot components (server-rendered)", () => {
  it("VoteCard offers one large button per option, then shows the receipt in groups of four", () => {
    const choosing = render(createElement(VoteCard, { ballot: ballot(), mine: { voted: false }, onCast: noop }));
    expect(choosing.match(/role="radio"/g)).toHaveLength(3);
    expect(text(choosing)).toContain("支持甲方");
    expect(choosing).toContain('aria-live="polite"');

    const done = render(createElement(VoteCard, { ballot: ballot(), mine: { voted: true }, receipt: "3f9a12bc7d0e44a1", onCast: noop }));
    expect(text(done)).toContain("您的回执码");
    expect(done).toContain("3f9a 12bc 7d0e 44a1");
    expect(done).not.toContain('role="radio"');

    const pending = render(createElement(VoteCard, { ballot: ballot(), mine: { voted: false }, pendingOptionId: "party_a", onCast: noop }));
    expect(pending).toContain('aria-busy="true"');
    expect(pending).not.toContain('role="radio"');
  });

  it("TallyBoard shows only turnout for an open secret ballot, and bars with the result once closed", () => {
    const open = text(render(createElement(TallyBoard, { ballot: ballot(), size: "big" })));
    expect(open).toContain("已投 5 / 7");
    expect(open).toContain("结束后公布各选项票数");
    expect(open).not.toContain("支持甲方");

    const result = computeResult({ options: hearingOptions, passOptionId: null, threshold: "majority_cast", quorum: 4, eligible: 7, counts: { party_a: 3, party_b: 3, both: 1 } });
    const closed = render(createElement(TallyBoard, { ballot: ballot({ status: "closed", result }) }));
    expect(closed).toContain('data-outcome="tie"');
    expect(text(closed)).toContain("平票");
    expect(text(closed)).toContain("平票，将重新投票");
    expect(text(closed)).toContain("支持乙方");
    expect(text(render(createElement(TallyBoard, { ballot: ballot({ status: "closed", result }) }), "en"))).toContain("Tie");
  });

  it("ReceiptList highlights the viewer's own receipt, and says so when it is missing", () => {
    const receipts = [
      { receipt: "0a1b2c3d4e5f6071", optionId: "party_a" },
      { receipt: "ff00ff00ff00ff00", optionId: "both" },
    ];
    const html = render(createElement(ReceiptList, { receipts, options: hearingOptions, ownReceipt: "ff00ff00ff00ff00" }));
    expect(html).toContain('data-own="true"');
    expect(text(html)).toContain("已找到您的回执码，选择为「双方均有责任」");
    const missing = text(render(createElement(ReceiptList, { receipts, options: hearingOptions, ownReceipt: "1234123412341234" })));
    expect(missing).toContain("没有找到您的回执码 1234 1234 1234 1234");
  });

  it("BallotControls opens with the scope's defaults, and offers closing while a ballot is open", () => {
    const fresh = render(createElement(BallotControls, { scope: "council", scopeId: 1, eligibleCount: 9, ballot: null, onOpen: noop, onClose: noop, onResolveTie: noop }));
    for (const label of ["同意", "反对", "弃权"]) expect(fresh).toContain(`value="${label}"`);
    expect(fresh).toContain('value="5"'); // quorum: more than half of 9
    const running = text(render(createElement(BallotControls, { scope: "hearing", scopeId: 1, eligibleCount: 7, ballot: ballot(), onOpen: noop, onClose: noop, onResolveTie: noop })));
    expect(running).toContain("结束投票");
    expect(running).not.toContain("开始投票");
  });
});
