import type { Principal } from "../../server/auth/principal";
import type { TestServer } from "../support/server";

/** GET as a logged-in user (or anonymously), without following redirects. */
export function get(server: TestServer, pathname: string, cookie?: string) {
  return fetch(server.url + pathname, { redirect: "manual", headers: cookie ? { cookie } : {} });
}

/** Uploads a CSV file as the import form does (multipart/form-data, from this origin). */
export function postCsv(server: TestServer, pathname: string, csv: string | ArrayBuffer, cookie: string) {
  const body = new FormData();
  body.set("file", new Blob([csv], { type: "text/csv" }), "pool.csv");
  return fetch(server.url + pathname, { method: "POST", redirect: "manual", headers: { origin: server.url, cookie }, body });
}

/** The demo communities by name, and a principal that may manage one (for reading state in-process). */
export function demo(server: TestServer) {
  const communities = server.services.units.byKind("community");
  const byName = (name: string) => communities.find((c) => c.name === name)!;
  const heping = byName("和平社区");
  const guangming = byName("光明社区");
  const managerOf = (communityId: number): Principal => ({
    kind: "user",
    sessionId: "test-reader",
    user: { id: 0, username: "reader", displayName: "reader", roles: ["mediator"], unitIds: [communityId] },
  });
  return { heping, guangming, managerOf };
}
