import { z } from "zod";
import { sha256Hex } from "../draw/hash";
import { fail, failed, type VerifyFailure } from "../verify/failures";
import { verifyLogRecord, type LogRecord } from "./chain";

const entrySchema = z.object({
  seq: z.number().int().positive(),
  type: z.string(),
  actor: z.record(z.unknown()),
  payload: z.record(z.unknown()),
  at: z.string(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
const logRecordSchema = z.object({ kind: z.literal("log"), version: z.number().int(), scope: z.string(), scopeId: z.number().int(), entries: z.array(entrySchema) });

/** Verifies a published hash-chained record (isomorphic: the CLI and the browser both use it). */
export async function verifyLogRecordJson(input: unknown): Promise<{ ok: true } | { ok: false; error: string; failure: VerifyFailure }> {
  const parsed = logRecordSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return failed(fail("record_malformed", { path: issue.path.join(".") || "(root)", message: issue.message }));
  }
  const result = await verifyLogRecord(parsed.data as LogRecord, (text) => sha256Hex(text));
  return result.ok ? { ok: true } : failed(result.failure);
}
