import { z } from "zod";
import type { WhoAmI } from "../protocol";
import { defineCommand } from "../registry";

export const sessionCommands = {
  "session:whoami": defineCommand(z.object({}).strict(), ({ socket }): WhoAmI => {
    const p = socket.data.principal;
    if (p.kind === "user") return { kind: "user", id: p.user.id, username: p.user.username, displayName: p.user.displayName, roles: p.user.roles };
    if (p.kind === "invitee") return { kind: "invitee", purpose: p.invitee.purpose, scopeId: p.invitee.scopeId, label: p.invitee.label };
    return { kind: "spectator" };
  }),
};
