import type { Services } from "../../services";
import { command } from "../command";
import type { ClientToServerEvents } from "../protocol";
import type { CommandSpec } from "../registry";
import type { IoServer, IoSocket } from "../socket-server";
import { ballotCommands } from "./ballots";
import { councilCommands } from "./councils";
import { hearingCommands } from "./hearings";
import { sessionCommands } from "./session";

/**
 * The registry of every socket command, one table per domain. The server registers exactly these;
 * the authorization matrix (tests/security/authorization-matrix.test.ts) and the payload fuzzing
 * (tests/security/socket-fuzz.test.ts) enumerate them, so a new command without its row fails there.
 */
export const commandRegistry = {
  ...sessionCommands,
  ...ballotCommands,
  ...hearingCommands,
  ...councilCommands,
} satisfies Record<keyof ClientToServerEvents, CommandSpec>;

// The typed protocol and the registry list the same events, both ways.
type Unlisted = Exclude<keyof typeof commandRegistry, keyof ClientToServerEvents>;
const everyRegisteredEventIsTyped: [Unlisted] extends [never] ? true : Unlisted = true;
void everyRegisteredEventIsTyped;

export type CommandName = keyof typeof commandRegistry;
export const commandNames = Object.keys(commandRegistry) as CommandName[];

/** Whether a socket event is a command of the registry (anything else is answered `unknown_command`). */
export const isCommandName = (event: unknown): event is CommandName => typeof event === "string" && Object.hasOwn(commandRegistry, event);

/**
 * Dispatches every command of the registry. One wrapper per command for the whole server, and on each
 * socket one middleware after the transport's checks (socket-server.ts) — not one listener per command
 * per socket, which cost every spectator's socket about fifty closures (issue 16, docs/performance.md).
 */
export function registerLiveHandlers(io: IoServer, services: Services): void {
  const handlers = new Map(
    Object.entries(commandRegistry).map(([event, spec]: [string, CommandSpec]) => [
      event,
      command(spec.schema, services.log, (input, socket: IoSocket) => spec.run({ socket, services }, input)),
    ]),
  );
  io.on("connection", (socket) => {
    socket.use(([event, ...args], next) => {
      const handler = handlers.get(event);
      if (handler) inTurn(socket, () => void handler(socket, args));
      else next(); // not reached: socket-server.ts answers unknown events
    });
  });
}

/** Commands a socket sent beyond its one per turn of the event loop, in order. */
const waiting = new WeakMap<IoSocket, (() => void)[]>();

/**
 * Runs a socket's commands one per turn of the event loop, in the order sent. A client's packets that
 * arrive together are decoded together: without this, a burst its budget allows (40 snapshots, say)
 * would run back to back while every other client's commands wait. One at a time, the others' commands
 * run in between, and a burst costs them one command's time, not forty (issue 15, `bench --flood`).
 * The first command of a turn runs at once, so a vote waits for nothing. A socket that has closed
 * meanwhile (disconnected for flooding) loses what it had queued, unanswered — as a lost packet would.
 */
function inTurn(socket: IoSocket, run: () => void): void {
  const queue = waiting.get(socket);
  if (queue) return void queue.push(run);
  waiting.set(socket, []);
  run();
  setImmediate(function next() {
    const queued = waiting.get(socket);
    const following = queued?.shift();
    if (!following) return void waiting.delete(socket);
    if (socket.connected) following();
    setImmediate(next);
  });
}
