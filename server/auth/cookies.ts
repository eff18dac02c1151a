/** The session cookie: HttpOnly, SameSite=Lax, Secure in production, as the Lucia guide prescribes. */
export const SESSION_COOKIE = "civic_session";
const MAX_AGE_S = 10 * 24 * 60 * 60;

export function parseCookies(header: string | undefined | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    if (!name || name in out) continue;
    try {
      out[name] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // a malformed value is ignored rather than failing the whole request
    }
  }
  return out;
}

export function sessionCookie(token: string, secure: boolean): string {
  return [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${MAX_AGE_S}`, secure ? "Secure" : ""]
    .filter(Boolean)
    .join("; ");
}

export function clearedSessionCookie(secure: boolean): string {
  return [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0", secure ? "Secure" : ""]
    .filter(Boolean)
    .join("; ");
}

/**
 * The device cookie: a random id remembered per account after a successful sign-in, so the right
 * password from this browser is never delayed by failures elsewhere (server/auth/throttle.ts).
 */
export const DEVICE_COOKIE = "civic_device";
export function deviceCookie(deviceId: string, secure: boolean): string {
  return [`${DEVICE_COOKIE}=${deviceId}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${400 * 24 * 60 * 60}`, secure ? "Secure" : ""].filter(Boolean).join("; ");
}
