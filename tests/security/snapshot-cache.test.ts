import { describe, expect, it } from "vitest";
import { createSnapshotCache } from "../../server/live/snapshot-cache";

describe("the spectators' snapshot cache", () => {
  it("computes once per room and sequence number, again when the room moves on or the entry ages", async () => {
    let computed = 0;
    const cache = createSnapshotCache({ ttlMs: 50 });
    // The cache holds the answer as JSON text, sent as it is (pre-encoded.ts).
    const get = (room: string, seq: number) => Number(cache(room, seq, () => ++computed).json);
    expect([get("hearing:1", 5), get("hearing:1", 5), get("hearing:1", 5)]).toEqual([1, 1, 1]);
    expect(get("hearing:1", 6)).toBe(2);
    expect(get("hearing:2", 6)).toBe(3);
    await new Promise((r) => setTimeout(r, 60));
    expect(get("hearing:1", 6)).toBe(4);
  });
});
