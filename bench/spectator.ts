/**
 * A spectator as the hearing page runs it (app/live/use-live-room.ts): join for a snapshot and the
 * room's sequence number, apply the next event, ignore old ones, take a fresh snapshot on a gap or a
 * reconnect. On top of that it notes, per ballot, when it first held a tally that includes each juror's
 * vote, which is what the vote-to-spectator latency is measured against.
 */
import type { BallotTally, BallotView } from "../server/ballots/types";
import type { AckResult, RoomEvent } from "../server/live/protocol";
import { monoMs } from "./stats";
import { openConn, type LiveConn, type TransportKind } from "./transport";

type Joined = { snapshot: { ballot?: { ballot: BallotView | null } }; seqs: Record<string, number> };

/** The browser client's send() timeout. */
const JOIN_TIMEOUT_MS = 15_000;

export type Expected = { cast: number; counts: Record<string, number> };

export class Spectator {
  readonly conn: LiveConn;
  private readonly room: string;
  private seq: number | undefined;
  private resyncing = false;
  ballotId: number | null = null;
  status: "open" | "closed" | null = null;
  tally: BallotTally | null = null;
  /**
   * The voter's public id in the tally (`String(voter.id)`: the seat pseudonym "J3" on the project, the
   * representative id on the raw servers) → when a tally including their vote first arrived (current ballot only).
   */
  seen = new Map<string, number>();
  lastJoinAt = 0;
  joins = 0;
  gaps = 0;
  joinFailures = 0;
  private firstJoin: Promise<boolean>;

  constructor(kind: TransportKind, url: string, private readonly hearingId: number) {
    this.room = `hearing:${hearingId}`;
    this.conn = openConn(kind, url, {});
    let settle!: (ok: boolean) => void;
    this.firstJoin = new Promise((resolve) => (settle = resolve));
    this.conn.on("connect", () => void this.resync().then(() => settle(this.joins > 0)));
    this.conn.onRoomEvent((e) => this.onEvent(e));
  }

  /** Resolves true once the first snapshot is in, false if the join failed or timed out. */
  joined(timeoutMs: number): Promise<boolean> {
    return Promise.race([this.firstJoin, new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs).unref())]);
  }

  matches(expected: Expected): boolean {
    const t = this.tally;
    if (!t || t.cast !== expected.cast || !t.counts) return false;
    return Object.entries(expected.counts).every(([k, v]) => t.counts![k] === v) && Object.keys(t.counts).length === Object.keys(expected.counts).length;
  }

  close(): void {
    this.conn.close();
  }

  private async resync(): Promise<void> {
    if (this.resyncing) return;
    this.resyncing = true;
    try {
      const res = (await this.conn.request<Joined>("hearing:join", { hearingId: this.hearingId }, JOIN_TIMEOUT_MS)) as AckResult<Joined>;
      if (!res.ok) {
        this.joinFailures += 1;
        return;
      }
      this.seq = res.data.seqs[this.room];
      const view = res.data.snapshot.ballot?.ballot ?? null;
      if (view) this.setBallot(view);
      this.joins += 1;
      this.lastJoinAt = monoMs();
    } finally {
      this.resyncing = false;
    }
  }

  private onEvent(event: RoomEvent): void {
    if (event.room !== this.room) return;
    const last = this.seq;
    if (last === undefined || this.resyncing) return; // a snapshot is on its way
    if (event.seq <= last) return; // already in the snapshot
    if (event.seq !== last + 1) {
      this.gaps += 1;
      void this.resync();
      return;
    }
    this.seq = event.seq;
    switch (event.type) {
      case "ballot:opened":
        this.setBallot(event.data as BallotView);
        break;
      case "ballot:tally": {
        const tally = event.data as BallotTally | null;
        if (tally && tally.ballotId === this.ballotId) this.setTally(tally);
        break;
      }
      case "ballot:closed":
        this.setBallot((event.data as { ballot: BallotView }).ballot);
        break;
    }
  }

  private setBallot(view: BallotView): void {
    if (view.id !== this.ballotId) {
      this.ballotId = view.id;
      this.seen = new Map();
    }
    this.status = view.status;
    this.setTally(view.tally);
  }

  private setTally(tally: BallotTally): void {
    this.tally = tally;
    const now = monoMs();
    for (const v of tally.voters ?? []) {
      if (v.voter.id === undefined) continue;
      const id = String(v.voter.id);
      if (!this.seen.has(id)) this.seen.set(id, now);
    }
  }
}
