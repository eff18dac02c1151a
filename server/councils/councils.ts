import type { Db } from "../../db/connection";
import type { InvitationService } from "../auth/invitations";
import type { BallotService } from "../ballots/service";
import type { Clock } from "../clock";
import type { ExhibitStore } from "../hearings/exhibit-store";
import type { LedgerService } from "../ledger/ledger";
import type { LiveHub } from "../live/hub";
import type { MatterService } from "../matters/matters";
import { createCouncilBallotPolicy, createVoteGate } from "./ballot-policy";
import { createImplementation } from "./implementation";
import { createCouncilLifecycle } from "./lifecycle";
import { createResolutions } from "./resolutions";
import { createCouncilRoom } from "./room";
import { createCouncilViews } from "./views";

/**
 * 民事民议: convening (agenda, participants, notice), the live room item by item, resolutions and
 * their supervised implementation — one object per concern. `ballotPolicy` is registered with the
 * ballot engine as scope "council" by whoever builds the services (server/services.ts).
 */
export function createCouncilService(deps: {
  db: Db;
  clock: Clock;
  ledger: LedgerService;
  live: LiveHub;
  matters: MatterService;
  invitations: InvitationService;
  ballots: BallotService;
  /** Where progress photos are stored (the same content-addressed store as hearing exhibits). */
  photoStore: ExhibitStore;
}) {
  const gate = createVoteGate();
  const ballotPolicy = createCouncilBallotPolicy({ db: deps.db, ledger: deps.ledger, matters: deps.matters, gate });
  const lifecycle = createCouncilLifecycle(deps);
  const room = createCouncilRoom({ ...deps, gate, policy: ballotPolicy });
  const resolutions = createResolutions(deps);
  const implementation = createImplementation(deps);
  const views = createCouncilViews({ db: deps.db, clock: deps.clock, ballots: deps.ballots, implementation });
  return { lifecycle, room, resolutions, implementation, views, ballotPolicy, photoStore: deps.photoStore };
}

export type CouncilService = ReturnType<typeof createCouncilService>;
