import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/connection";
import { ballots, hearings, type BallotOption } from "../../db/schema";
import type { Principal } from "../auth/principal";
import type { BallotService } from "../ballots/service";
import { ABSTAIN_OPTION_ID, type BallotResult } from "../ballots/result";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import type { LedgerService } from "../ledger/ledger";
import type { LiveHub } from "../live/hub";
import { hearingRooms, loadHearing, requireChair, roleIn } from "./access";

const id = z.number().int().positive();
export const ReturnToVotingInput = z.object({ hearingId: id, reason: z.string().trim().min(2).max(500) }).strict();
export const RunoffInput = z.object({ hearingId: id }).strict();

type Deps = { db: Db; clock: Clock; ledger: LedgerService; live: LiveHub; ballots: Pick<BallotService, "open"> };

/**
 * The two leading positions of a closed ballot, for a runoff (决选), or null when there is no clear
 * pair: fewer than three positions, or the second place shared (a runoff would then need a choice
 * the chair should not make alone — they record that the panel formed no majority instead).
 */
export function runoffPair(options: BallotOption[], result: Pick<BallotResult, "counts">): [BallotOption, BallotOption] | null {
  const positions = options.filter((o) => o.id !== ABSTAIN_OPTION_ID);
  if (positions.length < 3) return null;
  const ranked = positions.map((o, i) => ({ o, i, n: result.counts[o.id] ?? 0 })).sort((a, b) => b.n - a.n || a.i - b.i);
  if (ranked[1].n === 0 || ranked[1].n === ranked[2].n) return null;
  const pair = [ranked[0], ranked[1]].sort((a, b) => a.i - b.i);
  return [pair[0].o, pair[1].o];
}

/**
 * The way back to voting (issue 14): a verdict phase reached without a usable ballot returns to
 * voting (recorded), and when no position reached the threshold the chair may hold a runoff between
 * the two leading positions — a new ballot in the same record, with the same rules.
 */
export function createRunoff({ db, ledger, live, ballots: ballotService }: Deps) {
  const lastBallot = (hearingId: number) =>
    db.select().from(ballots).where(and(eq(ballots.scope, "hearing"), eq(ballots.scopeId, hearingId))).orderBy(desc(ballots.id)).get();

  return {
    returnToVoting(principal: Principal, input: z.input<typeof ReturnToVotingInput>) {
      const data = ReturnToVotingInput.parse(input);
      const h = loadHearing(db, data.hearingId);
      const user = requireChair(roleIn(db, h, principal));
      if (h.status !== "live" || h.phase !== "verdict") throw new DomainError("wrong_phase", { phase: h.phase });
      db.transaction(() => {
        db.update(hearings).set({ phase: "voting" }).where(eq(hearings.id, h.id)).run();
        ledger.append("hearing", h.id, "phase_returned", { kind: "mediator", id: user.id, name: user.displayName }, { from: "verdict", to: "voting", reason: data.reason });
      });
      live.emit(hearingRooms.public(h.id), "hearing:status", { status: "live", phase: "voting" });
    },

    /** Opens the runoff ballot (from voting, or from the verdict phase, which returns to voting first). */
    openRunoff(principal: Principal, input: z.input<typeof RunoffInput>) {
      const data = RunoffInput.parse(input);
      const h = loadHearing(db, data.hearingId);
      const user = requireChair(roleIn(db, h, principal));
      if (h.status !== "live" || (h.phase !== "voting" && h.phase !== "verdict")) throw new DomainError("wrong_phase", { phase: h.phase });
      const last = lastBallot(h.id);
      if (!last || last.status !== "closed" || !last.result) throw new DomainError("no_vote_result");
      const result = last.result as unknown as BallotResult;
      if (result.outcome === "passed" || result.resolution) throw new DomainError("runoff_not_needed");
      const pair = runoffPair(last.options, result);
      if (!pair) throw new DomainError("runoff_ambiguous");
      if (h.phase === "verdict")
        db.transaction(() => {
          db.update(hearings).set({ phase: "voting" }).where(eq(hearings.id, h.id)).run();
          ledger.append("hearing", h.id, "phase_returned", { kind: "mediator", id: user.id, name: user.displayName }, { from: "verdict", to: "voting", reason: "决选投票" });
        });
      const abstain = last.options.find((o) => o.id === ABSTAIN_OPTION_ID);
      const ballot = ballotService.open(principal, {
        scope: "hearing",
        scopeId: h.id,
        itemId: null,
        question: `决选：${last.question.replace(/^决选：/, "")}`.slice(0, 500),
        options: abstain ? [...pair, abstain] : pair,
        secret: last.secret,
        quorum: last.quorum,
        threshold: last.threshold,
        passOptionId: null,
        tieRule: last.tieRule,
        allowChange: last.allowChange,
        timeLimitSeconds: null,
      });
      ledger.append("hearing", h.id, "runoff_opened", { kind: "mediator", id: user.id, name: user.displayName }, {
        fromBallotId: last.id,
        ballotId: ballot.id,
        counts: result.counts,
        options: pair.map((o) => o.id),
      });
      if (h.phase === "verdict") live.emit(hearingRooms.public(h.id), "hearing:status", { status: "live", phase: "voting" });
      return ballot;
    },
  };
}
