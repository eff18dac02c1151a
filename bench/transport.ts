/**
 * One client connection, over socket.io (the project and the raw socket.io baseline speak the same
 * events) or over a plain websocket (the raw `ws` baseline, JSON frames). Both reconnect on their own
 * with the browser client's backoff (app/live/socket.client.ts: 1 s doubling, ±50 %, at most 4 s).
 */
import { io } from "socket.io-client";
import WebSocket from "ws";
import type { AckResult, RoomEvent } from "../server/live/protocol";

export type TransportKind = "socketio" | "ws";

export type Identity = {
  /** `civic_session=<token>` for the project; the baselines ignore it. */
  cookie?: string;
  /** The baselines' stand-in for a session: which juror (representative id) or the chair. */
  voter?: number;
  chair?: boolean;
};

export interface LiveConn {
  readonly connected: boolean;
  on(event: "connect" | "disconnect", cb: () => void): void;
  onRoomEvent(cb: (event: RoomEvent) => void): void;
  request<T>(event: string, payload: unknown, timeoutMs?: number): Promise<AckResult<T>>;
  /** Fire-and-forget with an acknowledgement callback: the caller times the emit itself. */
  emit<T>(event: string, payload: unknown, ack: (res: AckResult<T>) => void): void;
  close(): void;
}

const RECONNECT_DELAY_MS = 1000;
const RECONNECT_DELAY_MAX_MS = 4000;

export function openConn(kind: TransportKind, url: string, who: Identity): LiveConn {
  return kind === "socketio" ? socketIoConn(url, who) : wsConn(url, who);
}

function socketIoConn(url: string, who: Identity): LiveConn {
  const socket = io(url, {
    transports: ["websocket"],
    forceNew: true, // one connection per client, as each phone has its own
    reconnectionDelay: RECONNECT_DELAY_MS,
    reconnectionDelayMax: RECONNECT_DELAY_MAX_MS,
    timeout: 30_000,
    extraHeaders: who.cookie ? { cookie: who.cookie } : {},
    auth: { voter: who.voter, chair: who.chair },
  });
  return {
    get connected() {
      return socket.connected;
    },
    on: (event, cb) => void socket.on(event, cb),
    onRoomEvent: (cb) => void socket.on("room:event", cb),
    request<T>(event: string, payload: unknown, timeoutMs = 30_000) {
      return new Promise<AckResult<T>>((resolve) => {
        socket.timeout(timeoutMs).emit(event, payload, (err: Error | null, res: AckResult<T>) =>
          resolve(err ? { ok: false, error: { code: "timeout" } } : res),
        );
      });
    },
    emit<T>(event: string, payload: unknown, ack: (res: AckResult<T>) => void) {
      socket.emit(event, payload, ack);
    },
    close: () => void socket.close(),
  };
}

type WsFrame = { ack: number; r: AckResult<unknown> } | { e: "room:event"; d: RoomEvent };

function wsConn(url: string, who: Identity): LiveConn {
  const target = new URL(url.replace(/^http/, "ws"));
  if (who.voter !== undefined) target.searchParams.set("voter", String(who.voter));
  if (who.chair) target.searchParams.set("chair", "1");
  const listeners = { connect: [] as (() => void)[], disconnect: [] as (() => void)[], event: [] as ((e: RoomEvent) => void)[] };
  const pending = new Map<number, (r: AckResult<unknown>) => void>();
  let ws: WebSocket | null = null;
  let nextId = 1;
  let attempts = 0;
  let closed = false;
  let open = false;

  const fail = () => {
    for (const [, resolve] of pending) resolve({ ok: false, error: { code: "disconnected" } });
    pending.clear();
  };

  function dial() {
    const sock = new WebSocket(target, { perMessageDeflate: false });
    ws = sock;
    sock.on("open", () => {
      open = true;
      attempts = 0;
      for (const cb of listeners.connect) cb();
    });
    sock.on("message", (raw) => {
      const frame = JSON.parse(raw.toString()) as WsFrame;
      if ("ack" in frame) {
        const resolve = pending.get(frame.ack);
        pending.delete(frame.ack);
        resolve?.(frame.r);
      } else for (const cb of listeners.event) cb(frame.d);
    });
    sock.on("error", () => {}); // "close" follows and schedules the retry
    sock.on("close", () => {
      const was = open;
      open = false;
      fail();
      if (was) for (const cb of listeners.disconnect) cb();
      if (closed) return;
      // socket.io-client's backoff: base·2^n with ±50 % jitter, capped.
      const base = Math.min(RECONNECT_DELAY_MAX_MS, RECONNECT_DELAY_MS * 2 ** attempts++);
      setTimeout(dial, Math.min(RECONNECT_DELAY_MAX_MS, base * (0.5 + Math.random())));
    });
  }
  dial();

  function send(event: string, payload: unknown, ack: (r: AckResult<unknown>) => void) {
    if (!open || !ws) return ack({ ok: false, error: { code: "disconnected" } });
    const id = nextId++;
    pending.set(id, ack);
    ws.send(JSON.stringify({ id, e: event, d: payload }));
  }

  return {
    get connected() {
      return open;
    },
    on: (event, cb) => void listeners[event].push(cb),
    onRoomEvent: (cb) => void listeners.event.push(cb),
    request<T>(event: string, payload: unknown, timeoutMs = 30_000) {
      return new Promise<AckResult<T>>((resolve) => {
        const timer = setTimeout(() => resolve({ ok: false, error: { code: "timeout" } }), timeoutMs);
        send(event, payload, (r) => {
          clearTimeout(timer);
          resolve(r as AckResult<T>);
        });
      });
    },
    emit<T>(event: string, payload: unknown, ack: (res: AckResult<T>) => void) {
      send(event, payload, ack as (r: AckResult<unknown>) => void);
    },
    close() {
      closed = true;
      ws?.close();
    },
  };
}
