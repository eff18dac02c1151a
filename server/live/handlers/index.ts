import type { Services } from "../../services";
import type { IoServer } from "../socket-server";
import { registerBallotHandlers } from "./ballots";
import { registerCouncilHandlers } from "./councils";
import { registerHearingHandlers } from "./hearings";
import { registerSessionHandlers } from "./session";

/** Registers every socket command handler; one module per domain. */
export function registerLiveHandlers(io: IoServer, services: Services): void {
  io.on("connection", (socket) => {
    registerSessionHandlers(socket, services);
    registerBallotHandlers(socket, services);
    registerHearingHandlers(socket, services);
    registerCouncilHandlers(socket, services);
  });
}
