import type { HearingService } from "../../../server/hearings/hearings";

/** The state a page holds for a hearing: the server's snapshot, kept current by room events. */
export type HearingSnapshot = ReturnType<HearingService["views"]["snapshot"]>;
export type FloorState = HearingSnapshot["floor"];
export type TranscriptEntry = HearingSnapshot["transcript"][number];
export type PanelSeat = HearingSnapshot["panel"][number];
export type Exhibit = HearingSnapshot["exhibits"][number];
