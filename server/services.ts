import { sql } from "drizzle-orm";
import type { Db } from "../db/connection";
import { createAccountService } from "./auth/accounts";
import { createActivationService } from "./auth/activation";
import { createAuditService } from "./auth/audit";
import { createPasswordLinkService } from "./auth/password-links";
import { createSetupService } from "./auth/setup";
import { createLoginThrottle } from "./auth/throttle";
import { createUserAdminService } from "./auth/users";
import { createInvitationService } from "./auth/invitations";
import { createSessionService } from "./auth/sessions";
import { createBallotService } from "./ballots/service";
import type { Clock } from "./clock";
import { createCouncilService } from "./councils/councils";
import type { Env } from "./env";
import { createHearingBallotPolicy } from "./hearings/ballot-policy";
import { createExhibitStore } from "./hearings/exhibit-store";
import { createHearingService } from "./hearings/hearings";
import { createLedgerService } from "./ledger/ledger";
import type { LiveHub } from "./live/hub";
import type { Logger } from "./log";
import { createMatterService } from "./matters/matters";
import { createPoolService } from "./pool/service";
import { loadCommitmentKey } from "./privacy/commitment";
import { createPortalService } from "./portal/portal";
import { createUnitService } from "./units/units";

/**
 * The one instance of every domain service. Built once in server/ and handed to Remix loaders
 * and actions through getLoadContext and to socket handlers directly, so both paths share state.
 */
export function createServices(deps: { db: Db; clock: Clock; log: Logger; env: Env; live: LiveHub }) {
  const { db, clock } = deps;
  const sessions = createSessionService(db, clock);
  const invitations = createInvitationService(db, clock, sessions);
  const throttle = createLoginThrottle({ now: () => clock.now().getTime() });
  const accounts = createAccountService(db, sessions, { clock, throttle });
  const audit = createAuditService(db, clock);
  const passwordLinks = createPasswordLinkService(db, clock, sessions);
  const users = createUserAdminService({ db, clock, audit, sessions, passwordLinks, throttle, live: deps.live });
  const units = createUnitService(db, { clock, audit });
  const setup = createSetupService({ db, clock, audit, sessions, env: deps.env });
  const pool = createPoolService({ db, clock, dataDir: deps.env.dataDir });
  // One ballot engine for every scope; each scope registers its policy (this also re-arms time limits).
  const ballots = createBallotService({ db, clock, live: deps.live, log: deps.log });
  ballots.registerScope("hearing", createHearingBallotPolicy(db));
  const ledger = createLedgerService(db, clock, { commitmentKey: loadCommitmentKey(deps.env.dataDir) });
  const matters = createMatterService(db, clock);
  const exhibitStore = createExhibitStore(deps.env.dataDir, deps.env.UPLOAD_LIMIT_MB * 1024 * 1024);
  const hearings = createHearingService({ db, clock, ledger, live: deps.live, matters, pool, invitations, exhibitStore, ballots });
  const councils = createCouncilService({ db, clock, ledger, live: deps.live, matters, invitations, ballots, photoStore: exhibitStore });
  ballots.registerScope("council", councils.ballotPolicy);
  const activation = createActivationService({ db, clock, audit, sessions, throttle, live: deps.live });
  const portal = createPortalService(db, clock);
  return {
    env: deps.env,
    clock,
    log: deps.log,
    live: deps.live,
    sessions,
    invitations,
    accounts,
    throttle,
    audit,
    passwordLinks,
    users,
    setup,
    activation,
    units,
    pool,
    ballots,
    ledger,
    matters,
    hearings,
    councils,
    portal,
    /** For the socket layer's room bookkeeping only; domain rules stay in the services. */
    db,
    /** A trivial query: is the database answering? */
    healthy(): boolean {
      try {
        return db.get<{ ok: number }>(sql`select 1 as ok`)?.ok === 1;
      } catch {
        return false;
      }
    },
  };
}

export type Services = ReturnType<typeof createServices>;
