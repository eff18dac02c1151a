/**
 * The raw socket.io 4.8 baseline: `node --import tsx bench/baseline-socketio.ts` (PORT, STATE_FILE).
 * The same events, acknowledgements, payloads and 20 ms tally coalescing as the project
 * (bench/baseline-room.ts), over a bare socket.io server on a bare HTTP server: no Express, no
 * session lookup in the handshake, no database. Jurors say who they are in `auth.voter`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { createBaselineRoom, printReady, type Who } from "./baseline-room";

const httpServer = http.createServer();
const io = new Server(httpServer, { serveClient: false });
const room = createBaselineRoom({ broadcast: (r, event) => io.to(r).emit("room:event", event), stateFile: process.env.STATE_FILE });

io.on("connection", (socket) => {
  const auth = socket.handshake.auth as { voter?: number; chair?: boolean };
  const who: Who = { voter: typeof auth.voter === "number" ? auth.voter : undefined, chair: auth.chair === true };
  for (const event of ["hearing:join", "ballot:open", "ballot:cast", "ballot:close"]) {
    socket.on(event, (payload: unknown, ack: unknown) => {
      const out = room.handle(who, event, payload);
      if (out.join) void socket.join(out.join);
      if (typeof ack === "function") ack(out.result);
    });
  }
});

httpServer.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => printReady((httpServer.address() as AddressInfo).port));
process.once("SIGTERM", () => {
  room.save();
  void io.close(() => process.exit(0));
});
