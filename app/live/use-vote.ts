import { useCallback, useEffect, useState } from "react";
import type { CastResult } from "../../server/ballots/protocol";
import type { ErrorPayload } from "~/utils/errors";
import { forgetSecretChoice } from "./forget-secret-choice";
import { send } from "./socket.client";

type Stored = { key: string; optionId: string; receipt?: string };
const storageKey = (ballotId: number) => `civic.vote.${ballotId}`;

function read(ballotId: number): Stored | null {
  try {
    return JSON.parse(localStorage.getItem(storageKey(ballotId)) ?? "null") as Stored | null;
  } catch {
    return null;
  }
}

function newKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Casting a vote exactly once from a phone. The submission key is written to localStorage before the
 * vote is sent and kept until the acknowledgement arrives; if the page reloads or the connection
 * drops first, the same key is sent again and the server answers with the original receipt instead
 * of counting twice. The receipt stays on the device, so a secret ballot's voter can check the
 * published list later.
 */
export function useVote(ballotId: number | null, opts: { closedSecret?: boolean } = {}) {
  const [stored, setStored] = useState<Stored | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);

  const submit = useCallback(async (id: number, entry: Stored) => {
    setPending(entry.optionId);
    setError(null);
    const res = await send<CastResult>("ballot:cast", { ballotId: id, optionId: entry.optionId, key: entry.key });
    setPending(null);
    if (res.ok) {
      const done = { ...entry, receipt: res.data.receipt };
      localStorage.setItem(storageKey(id), JSON.stringify(done));
      setStored(done);
    } else if (res.error.code !== "timeout") {
      // Refused for good (closed, not eligible…): forget the key so a new attempt gets a new one.
      localStorage.removeItem(storageKey(id));
      setStored(null);
      setError(res.error as ErrorPayload);
    } else setError(res.error as ErrorPayload);
  }, []);

  useEffect(() => {
    if (ballotId == null) return setStored(null);
    const s = read(ballotId);
    setStored(s);
    // An unacknowledged vote from before a reload or a dropped connection: send it again, same key.
    if (s && !s.receipt) void submit(ballotId, s);
  }, [ballotId, submit]);

  // A closed secret ballot: keep the receipt, forget the choice and the key (forget-secret-choice.ts).
  useEffect(() => {
    if (ballotId != null && opts.closedSecret && stored?.receipt) forgetSecretChoice(storageKey(ballotId));
  }, [ballotId, opts.closedSecret, stored?.receipt]);

  const cast = useCallback(
    (optionId: string) => {
      if (ballotId == null) return;
      const entry = { key: newKey(), optionId };
      localStorage.setItem(storageKey(ballotId), JSON.stringify(entry));
      setStored(entry);
      void submit(ballotId, entry);
    },
    [ballotId, submit],
  );

  return { receipt: stored?.receipt ?? null, pendingOptionId: pending, error, cast };
}
