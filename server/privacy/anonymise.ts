import { eq } from "drizzle-orm";
import type { Db } from "../../db/connection";
import { councilParticipants, representativeConflicts, representatives, sessions, users } from "../../db/schema";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import { foldAndTruncateWal } from "../ballots/secret-at-rest";
import { maskName } from "../hearings/masking";

/** What an anonymised representative is called from then on, in the office's own screens too. */
export const ANONYMISED_NAME = "已匿名代表";

/**
 * PIPL deletion on request (docs/privacy.md): a representative who leaves the pool has their name,
 * phone, features, declared relatives and neighbours removed, their login ended and disabled. The
 * records keep what they always showed in public — seat pseudonyms, masked names — so every published
 * record still verifies; they never held the name unless the person consented to be named.
 *
 * The row stays (panels and ballots refer to it by id); `secure_delete` zeroes the old bytes in the
 * file and the WAL is truncated afterwards, so a backup taken later does not hold the name either.
 */
export function anonymiseRepresentative(db: Db, clock: Clock, representativeId: number): { representativeId: number; anonymisedAt: Date } {
  const rep = db.select().from(representatives).where(eq(representatives.id, representativeId)).get();
  if (!rep) throw new DomainError("representative_not_found");
  const now = clock.now();
  db.transaction(() => {
    db.update(representatives)
      .set({ name: ANONYMISED_NAME, phone: null, features: {}, unavailableDates: [], status: "retired", statusReason: "anonymised", statusChangedAt: now, publicNameConsentAt: null, anonymisedAt: now })
      .where(eq(representatives.id, rep.id))
      .run();
    db.delete(representativeConflicts).where(eq(representativeConflicts.representativeId, rep.id)).run();
    db.update(councilParticipants)
      .set({ name: ANONYMISED_NAME, publicName: `${maskName(rep.name).replace(/某$/, "")}某 · 议事代表` })
      .where(eq(councilParticipants.representativeId, rep.id))
      .run();
    if (rep.userId != null) {
      db.update(users).set({ username: `anonymised-${rep.userId}`, displayName: ANONYMISED_NAME, phone: null, disabledAt: now }).where(eq(users.id, rep.userId)).run();
      db.delete(sessions).where(eq(sessions.userId, rep.userId)).run();
    }
  });
  foldAndTruncateWal(db);
  return { representativeId: rep.id, anonymisedAt: now };
}
