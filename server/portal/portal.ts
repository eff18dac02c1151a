import type { Db } from "../../db/connection";
import type { Clock } from "../clock";
import { createComments } from "./comments";
import { createPublications } from "./publications";
import { createSearch } from "./search";
import { createStats } from "./stats";

/** The public portal's services: publications, search, statistics and comments (issue 17). */
export function createPortalService(db: Db, clock: Clock) {
  const publications = createPublications(db);
  return {
    publications,
    search: createSearch(db, publications),
    stats: createStats(db, publications),
    comments: createComments(db, clock, publications),
  };
}
export type PortalService = ReturnType<typeof createPortalService>;
