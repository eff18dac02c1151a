import type { z } from "zod";
import type { Services } from "../services";
import type { IoSocket } from "./socket-server";

/** What a command's handler gets besides its parsed input: the socket that sent it and the services. */
export type CommandContext = { socket: IoSocket; services: Services };

/**
 * One socket command: its payload schema and its handler. Handlers stay thin (parse in `command`,
 * call the service that authorises and writes one transaction, acknowledge). The tables of these are
 * the registry of every socket event (handlers/index.ts): the server registers exactly what it lists,
 * and the authorization matrix and the fuzzing suites enumerate it (issue 15).
 */
export type CommandSpec<S extends z.ZodTypeAny = z.ZodTypeAny> = {
  schema: S;
  // A method, not a property: any command's spec is then a CommandSpec (parameters are bivariant).
  run(ctx: CommandContext, input: z.infer<S>): unknown;
};

export function defineCommand<S extends z.ZodTypeAny>(schema: S, run: (ctx: CommandContext, input: z.infer<S>) => unknown): CommandSpec<S> {
  return { schema, run };
}

/** The principal of the socket, read at the time of the command (it is rechecked on every one). */
export const principalOf = (ctx: CommandContext) => ctx.socket.data.principal;
