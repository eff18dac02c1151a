import type { Db } from "../../db/connection";
import type { Principal } from "../auth/principal";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import { shanghaiDay } from "./calendar";
import { manageableCommunities, representativeFor, requirePoolAccess, type Unit } from "./access";
import { exportPoolCsv } from "./csv-export";
import { importPoolCsv, type ImportResult } from "./csv-import";
import { eligiblePool, type EligibilityInput, type EligiblePool } from "./eligibility";
import { deleteFeature, listFeatures, saveFeature, type PoolFeature } from "./features";
import { panelsServedLast12Months } from "./panels-served";
import { loadPseudonymKey } from "./pseudonym";
import * as records from "./records";
import { changeStatus, createRepresentative, listRepresentatives, updateRepresentative, type PoolListing } from "./representatives";
import type { ConflictInput, FeatureInput, ListFilter, ReinstateInput, RepresentativeInput, StatusChangeInput, TrainingInput } from "./schemas";
import { communityUnits, type PoolUnit } from "./units";

export type PoolService = ReturnType<typeof createPoolService>;

/**
 * The representative pool (议事代表库). Every method that reads or changes a community's pool takes the
 * principal and checks `manage:pool:own` for that community (for a representative: the community on its
 * row), so a mediator of another community gets `forbidden` and nothing changes. `eligiblePool` is the
 * exception: it is called by the hearing service, which has already authorised its caller.
 */
export function createPoolService(deps: { db: Db; clock: Clock; dataDir: string }) {
  const { db, clock } = deps;
  let key: string | undefined;
  // Read (or created) on first use, not at boot: most requests never need it.
  const pseudonymKey = () => (key ??= loadPseudonymKey(deps.dataDir));

  /** Authorises, then returns the community (first of its units); `not_found` if the id is not a community. */
  function community(principal: Principal, communityId: number): PoolUnit {
    requirePoolAccess(principal, communityId);
    const unit = communityUnits(db, communityId)[0];
    if (!unit) throw new DomainError("not_found");
    return unit;
  }

  return {
    /** The communities whose pool the principal may manage (first = default); empty for everyone else. */
    communities(principal: Principal): Unit[] {
      return principal.kind === "user" ? manageableCommunities(db, principal.user) : [];
    },
    units(principal: Principal, communityId: number): PoolUnit[] {
      community(principal, communityId);
      return communityUnits(db, communityId);
    },
    list(principal: Principal, communityId: number, filter: ListFilter = {}): PoolListing {
      community(principal, communityId);
      return listRepresentatives(db, clock, communityId, filter);
    },
    get(principal: Principal, id: number) {
      const rep = representativeFor(db, principal, id);
      const unit = communityUnits(db, rep.communityId).find((u) => u.id === rep.unitId);
      return {
        representative: rep,
        unitPath: unit?.path ?? "",
        trainings: records.listTrainings(db, rep.id),
        conflicts: records.listConflicts(db, rep.id),
        panelsServed: panelsServedLast12Months(db, clock.now(), [rep.id]).get(rep.id) ?? 0,
      };
    },
    create(principal: Principal, communityId: number, input: RepresentativeInput) {
      community(principal, communityId);
      return createRepresentative(db, clock, communityId, input);
    },
    update(principal: Principal, id: number, input: RepresentativeInput) {
      return updateRepresentative(db, clock, representativeFor(db, principal, id), input);
    },
    suspend(principal: Principal, id: number, input: StatusChangeInput) {
      return changeStatus(db, clock, representativeFor(db, principal, id), { action: "suspend", input });
    },
    retire(principal: Principal, id: number, input: StatusChangeInput) {
      return changeStatus(db, clock, representativeFor(db, principal, id), { action: "retire", input });
    },
    reinstate(principal: Principal, id: number, input: ReinstateInput = {}) {
      return changeStatus(db, clock, representativeFor(db, principal, id), { action: "reinstate", input });
    },
    addTraining: (principal: Principal, id: number, input: TrainingInput) => records.addTraining(db, representativeFor(db, principal, id), input),
    removeTraining: (principal: Principal, id: number, trainingId: number) => records.removeTraining(db, representativeFor(db, principal, id), trainingId),
    addUnavailableDate: (principal: Principal, id: number, date: string) => records.addUnavailableDate(db, representativeFor(db, principal, id), { date }),
    removeUnavailableDate: (principal: Principal, id: number, date: string) =>
      records.removeUnavailableDate(db, representativeFor(db, principal, id), { date }),
    addConflict: (principal: Principal, id: number, input: ConflictInput) => records.addConflict(db, representativeFor(db, principal, id), input),
    removeConflict: (principal: Principal, id: number, conflictId: number) => records.removeConflict(db, representativeFor(db, principal, id), conflictId),

    features(principal: Principal, communityId: number): PoolFeature[] {
      community(principal, communityId);
      return listFeatures(db, communityId);
    },
    saveFeature(principal: Principal, communityId: number, featureId: number | null, input: FeatureInput): PoolFeature {
      community(principal, communityId);
      return saveFeature(db, communityId, featureId, input);
    },
    deleteFeature(principal: Principal, communityId: number, featureId: number): void {
      community(principal, communityId);
      deleteFeature(db, communityId, featureId);
    },

    exportCsv(principal: Principal, communityId: number): { filename: string; csv: string } {
      const unit = community(principal, communityId);
      return { filename: `代表库-${unit.name}-${shanghaiDay(clock.now())}.csv`, csv: exportPoolCsv(db, clock, communityId) };
    },
    importCsv(principal: Principal, communityId: number, text: string): ImportResult {
      community(principal, communityId);
      return importPoolCsv(db, clock, communityId, text);
    },

    /** For the hearing service: who may be drawn, under pseudonyms, and why the others may not. */
    eligiblePool(input: EligibilityInput): EligiblePool {
      return eligiblePool({ db, pseudonymKey }, input);
    },
  };
}
