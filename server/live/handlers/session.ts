import { z } from "zod";
import type { Services } from "../../services";
import { command } from "../command";
import type { WhoAmI } from "../protocol";
import type { IoSocket } from "../socket-server";

export function registerSessionHandlers(socket: IoSocket, services: Services): void {
  socket.on(
    "session:whoami",
    command(z.object({}).strict(), services.log, (): WhoAmI => {
      const p = socket.data.principal;
      if (p.kind === "user")
        return { kind: "user", id: p.user.id, username: p.user.username, displayName: p.user.displayName, roles: p.user.roles };
      if (p.kind === "invitee")
        return { kind: "invitee", purpose: p.invitee.purpose, scopeId: p.invitee.scopeId, label: p.invitee.label };
      return { kind: "spectator" };
    }),
  );
}
