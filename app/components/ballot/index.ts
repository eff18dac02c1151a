/**
 * Presentational ballot components (props in, callbacks out); pages wire them to the socket.
 * A route that renders them adds `ballotLinks()` to its `links` for the stylesheet.
 */
import ballotStyles from "./ballot.css";

export const ballotLinks = () => [{ rel: "stylesheet", href: ballotStyles }];

export { BallotControls, type BallotControlsProps, type OpenBallotPayload } from "./ballot-controls";
export { ReceiptList, type ReceiptListProps } from "./receipt-list";
export { TallyBoard, type TallyBoardProps } from "./tally-board";
export { VoteCard, type VoteCardProps } from "./vote-card";
export { formatReceipt } from "./format";
export { LiveBallot } from "./live-ballot";
