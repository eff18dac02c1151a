import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clearedSessionCookie } from "../../server/auth/cookies";

/** POST only: logging out by GET would let any page log a user out with an <img>. */
export async function loader() {
  throw redirect("/");
}

export async function action({ context }: ActionFunctionArgs) {
  const p = context.principal;
  if (p.kind !== "anonymous") {
    context.services.sessions.invalidate(p.sessionId);
    context.services.live.endSession(p.sessionId, "logout");
  }
  return redirect("/", { headers: { "Set-Cookie": clearedSessionCookie(context.secureCookies) } });
}
