/**
 * The raw `ws` baseline: `node --import tsx bench/baseline-ws.ts` (PORT, STATE_FILE). The same
 * commands, acknowledgements, payloads and 20 ms coalescing as the project (bench/baseline-room.ts)
 * as JSON frames on a plain websocket: `{id, e, d}` in, `{ack, r}` and `{e: "room:event", d}` out.
 * A broadcast is serialised once and written to every socket of the room. Jurors say who they are in
 * the query string (`?voter=<representative id>`, `?chair=1`).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, WebSocket } from "ws";
import { createBaselineRoom, printReady, type Who } from "./baseline-room";

const httpServer = http.createServer();
const wss = new WebSocketServer({ server: httpServer, perMessageDeflate: false });
const rooms = new Map<string, Set<WebSocket>>();
const room = createBaselineRoom({
  broadcast(r, event) {
    const frame = JSON.stringify({ e: "room:event", d: event });
    for (const ws of rooms.get(r) ?? []) if (ws.readyState === WebSocket.OPEN) ws.send(frame);
  },
  stateFile: process.env.STATE_FILE,
});

wss.on("connection", (ws, req) => {
  const q = new URL(req.url ?? "/", "http://localhost").searchParams;
  const who: Who = { voter: q.has("voter") ? Number(q.get("voter")) : undefined, chair: q.get("chair") === "1" };
  const joined = new Set<string>();
  ws.on("message", (raw) => {
    let msg: { id?: number; e?: string; d?: unknown };
    try {
      msg = JSON.parse(raw.toString()) as typeof msg;
    } catch {
      return ws.close(1003, "bad frame");
    }
    const out = room.handle(who, String(msg.e), msg.d);
    if (out.join && !joined.has(out.join)) {
      joined.add(out.join);
      if (!rooms.has(out.join)) rooms.set(out.join, new Set());
      rooms.get(out.join)!.add(ws);
    }
    if (msg.id !== undefined) ws.send(JSON.stringify({ ack: msg.id, r: out.result }));
  });
  ws.on("close", () => {
    for (const r of joined) rooms.get(r)?.delete(ws);
  });
});

httpServer.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => printReady((httpServer.address() as AddressInfo).port));
process.once("SIGTERM", () => {
  room.save();
  for (const ws of wss.clients) ws.terminate();
  wss.close();
  httpServer.close(() => process.exit(0));
});
