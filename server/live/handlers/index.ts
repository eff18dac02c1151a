import type { Services } from "../../services";
import { command } from "../command";
import type { ClientToServerEvents } from "../protocol";
import type { CommandSpec } from "../registry";
import type { IoServer } from "../socket-server";
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

/** Registers every socket command handler of the registry on each new socket. */
export function registerLiveHandlers(io: IoServer, services: Services): void {
  io.on("connection", (socket) => {
    for (const [event, spec] of Object.entries(commandRegistry) as [string, CommandSpec][]) {
      socket.on(event as never, command(spec.schema, services.log, (input) => spec.run({ socket, services }, input)) as never);
    }
  });
}
