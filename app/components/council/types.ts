import type { CouncilService } from "../../../server/councils/councils";

/** The state a page holds for a council: the server's snapshot, kept current by room events. */
export type CouncilSnapshot = ReturnType<CouncilService["views"]["snapshot"]>;
export type CouncilItemView = CouncilSnapshot["items"][number];
export type CouncilParticipantView = CouncilSnapshot["participants"][number];
export type CouncilOpinion = CouncilSnapshot["opinions"][number];
export type ResolutionPage = ReturnType<CouncilService["views"]["resolution"]>;
export type Round = ResolutionPage["rounds"][number];
