import { useCallback, useEffect, useRef, useState } from "react";
import type { CastResult } from "../../server/ballots/protocol";
import type { ErrorPayload } from "~/utils/errors";
import { forgetSecretChoice } from "./forget-secret-choice";
import { getSocket, send } from "./socket.client";
import { afterAnswer, submissionFor, type StoredVote } from "./vote-submission";

const storageKey = (ballotId: number) => `civic.vote.${ballotId}`;

function read(ballotId: number): StoredVote | null {
  try {
    return JSON.parse(localStorage.getItem(storageKey(ballotId)) ?? "null") as StoredVote | null;
  } catch {
    return null;
  }
}

function write(ballotId: number, stored: StoredVote | null): void {
  if (stored) localStorage.setItem(storageKey(ballotId), JSON.stringify(stored));
  else localStorage.removeItem(storageKey(ballotId));
}

function newKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Casting a vote exactly once from a phone (decision 004 §2). The submission key is written to
 * localStorage before the vote is sent and kept until the acknowledgement arrives; after a timeout, a
 * reconnect or a reload the same key goes again (a new key only for a deliberate change after an
 * acknowledgement), and the server answers with the original receipt instead of counting twice. A
 * receipt once held is never dropped: a secret ballot's voter needs it to check the published list.
 * The rules are in vote-submission.ts.
 */
export function useVote(ballotId: number | null, opts: { closedSecret?: boolean } = {}) {
  const [stored, setStored] = useState<StoredVote | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const inFlight = useRef(false);

  const submit = useCallback(async (id: number, first: StoredVote) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setPending(first.optionId);
    setError(null);
    let entry = first;
    // At most one automatic resend with a fresh key (key_conflict), then the answer stands.
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await send<CastResult>("ballot:cast", { ballotId: id, optionId: entry.optionId, key: entry.key });
      const next = afterAnswer(entry, res, newKey);
      write(id, next.stored);
      setStored(next.stored);
      if (next.kind === "resend") {
        entry = next.stored;
        continue;
      }
      setError((next.error as ErrorPayload | undefined) ?? null);
      break;
    }
    inFlight.current = false;
    setPending(null);
  }, []);

  useEffect(() => {
    if (ballotId == null) return setStored(null);
    const s = read(ballotId);
    setStored(s);
    // An unacknowledged vote from before a reload or a dropped connection: send it again, same key.
    const resend = () => {
      const current = read(ballotId);
      if (current && !current.receipt) void submit(ballotId, current);
    };
    resend();
    const socket = getSocket();
    socket.on("connect", resend);
    return () => void socket.off("connect", resend);
  }, [ballotId, submit]);

  // A closed secret ballot: keep the receipt, forget the choice and the key (forget-secret-choice.ts).
  useEffect(() => {
    if (ballotId != null && opts.closedSecret && stored?.receipt) forgetSecretChoice(storageKey(ballotId));
  }, [ballotId, opts.closedSecret, stored?.receipt]);

  const cast = useCallback(
    (optionId: string) => {
      if (ballotId == null) return;
      const entry = submissionFor(read(ballotId), optionId, newKey);
      write(ballotId, entry);
      setStored(entry);
      void submit(ballotId, entry);
    },
    [ballotId, submit],
  );

  // While a change is in flight, the receipt shown is still the acknowledged one.
  return { receipt: stored?.receipt ?? stored?.previous?.receipt ?? null, pendingOptionId: pending, error, cast };
}
