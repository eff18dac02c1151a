import type { Db } from "../../db/connection";
import type { InvitationService } from "../auth/invitations";
import type { Clock } from "../clock";
import type { LedgerService } from "../ledger/ledger";
import type { LiveHub } from "../live/hub";
import type { MatterService } from "../matters/matters";
import { createDrawFlow, type PoolEligibility } from "./draw-flow";
import { createEvidence } from "./evidence";
import type { ExhibitStore } from "./exhibit-store";
import { createHearingLifecycle } from "./lifecycle";
import { createPartyAccess } from "./party-access";
import { createPresence } from "./presence";
import { createHearingRoom } from "./room";
import { createRulings } from "./ruling";
import { createHearingViews } from "./views";
import { createAdjournment } from "./adjournment";
import { createAlternateSeating } from "./alternates";
import { createChallengeProcedure } from "./challenges";
import { createHearingFollowUps } from "./follow-ups";
import { createRunoff } from "./runoff";
import type { BallotService } from "../ballots/service";

/** 评理大会: convening, the draw, the live room, evidence, the ruling — one object per concern. */
export function createHearingService(deps: {
  db: Db;
  clock: Clock;
  ledger: LedgerService;
  live: LiveHub;
  matters: MatterService;
  pool: PoolEligibility;
  invitations: InvitationService;
  exhibitStore: ExhibitStore;
  ballots: Parameters<typeof createHearingViews>[0]["ballots"] & Pick<BallotService, "open">;
}) {
  const presence = createPresence();
  const lifecycle = createHearingLifecycle(deps);
  const drawFlow = createDrawFlow(deps);
  const challenges = createChallengeProcedure({ ...deps, drawFlow });
  const room = createHearingRoom({ ...deps, challenges });
  const alternates = createAlternateSeating(deps);
  const adjournment = createAdjournment(deps);
  const runoff = createRunoff(deps);
  const followUps = createHearingFollowUps(deps);
  const evidence = createEvidence(deps);
  const rulings = createRulings(deps);
  const partyAccess = createPartyAccess(deps);
  const views = createHearingViews({ db: deps.db, ballots: deps.ballots, presence, drawFlow, room, evidence, rulings, challenges, followUps });
  return { lifecycle, draw: drawFlow, room, evidence, rulings, views, presence, partyAccess, exhibitStore: deps.exhibitStore, challenges, alternates, adjournment, runoff, followUps };
}

export type HearingService = ReturnType<typeof createHearingService>;
