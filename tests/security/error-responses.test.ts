// The one mapping from a service's refusal to a loader's HTTP answer (app/utils/respond.server.ts),
// shared by the pool, council, hearing and admin routes since the issue 15 review.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errorResponse, orRespond } from "../../app/utils/respond.server";
import { DomainError } from "../../server/errors";

const statusOf = (err: unknown) => errorResponse(err)?.status ?? null;

describe("errorResponse", () => {
  it("answers bad input 400, refusals 403 and every kind of not found 404", () => {
    expect(statusOf(z.object({ page: z.number() }).safeParse({ page: "x" }).error)).toBe(400);
    expect(statusOf(new DomainError("forbidden"))).toBe(403);
    expect(statusOf(new DomainError("unauthenticated"))).toBe(403);
    for (const code of ["not_found", "council_not_found", "hearing_not_found", "user_not_found", "item_not_found"]) expect(statusOf(new DomainError(code)), code).toBe(404);
  });

  it("leaves everything else to propagate: other domain errors, bugs, a Response already thrown", () => {
    for (const err of [new DomainError("wrong_status"), new DomainError("not_found_yet"), new TypeError("x is undefined"), new Response("forbidden", { status: 403 }), null]) {
      expect(errorResponse(err)).toBeNull();
    }
  });

  it("orRespond throws the response, or the error itself", () => {
    expect(orRespond(() => 42)).toBe(42);
    expect(() => orRespond(() => { throw new DomainError("matter_not_found"); })).toThrow(expect.objectContaining({ status: 404 }));
    const bug = new TypeError("bug");
    expect(() => orRespond(() => { throw bug; })).toThrow(bug);
  });
});
