import { useCallback, useEffect, useRef, useState } from "react";
import type { AckResult, RoomEvent } from "../../server/live/protocol";
import { getSocket, send } from "./socket.client";

type Joined<S> = { snapshot: S; seqs: Record<string, number> };

/**
 * Keeps a page's copy of a live room in step with the server.
 *
 * Joins with `joinEvent` and gets a snapshot plus each room's sequence number. Every broadcast
 * carries its room's next number: the reducer applies it if it is the next one, ignores it if it is
 * old, and asks for a fresh snapshot if one is missing. A reconnect also takes a snapshot. So
 * nothing is missed and nothing is applied twice.
 */
export function useLiveRoom<S>(opts: {
  joinEvent: string;
  payload: Record<string, unknown>;
  initial: S;
  /** Applies one event to the state; return null to ask for a fresh snapshot instead. */
  apply: (state: S, event: RoomEvent) => S | null;
}) {
  const [state, setState] = useState<S>(opts.initial);
  const [connected, setConnected] = useState(false);
  const seqs = useRef<Record<string, number>>({});
  const applyRef = useRef(opts.apply);
  applyRef.current = opts.apply;
  const payloadKey = JSON.stringify(opts.payload);
  const stateRef = useRef(state);
  stateRef.current = state;

  const resync = useCallback(async () => {
    const res = (await send<Joined<S>>(opts.joinEvent, JSON.parse(payloadKey))) as AckResult<Joined<S>>;
    if (res.ok) {
      seqs.current = { ...res.data.seqs };
      // The next event may arrive before React re-renders: it must apply to this snapshot, not the old state.
      stateRef.current = res.data.snapshot;
      setState(res.data.snapshot);
    }
  }, [opts.joinEvent, payloadKey]);

  useEffect(() => {
    const socket = getSocket();
    let resyncing = false;
    const requestResync = () => {
      if (resyncing) return;
      resyncing = true;
      void resync().finally(() => (resyncing = false));
    };
    const onConnect = () => {
      setConnected(true);
      requestResync();
    };
    const onDisconnect = () => setConnected(false);
    const onEvent = (event: RoomEvent) => {
      const last = seqs.current[event.room];
      if (last === undefined || resyncing) return; // not ours, or a snapshot is on its way
      if (event.seq <= last) return; // already reflected in the snapshot
      if (event.seq !== last + 1) return requestResync(); // a gap: something was missed
      seqs.current[event.room] = event.seq;
      const next = applyRef.current(stateRef.current, event);
      if (next === null) requestResync();
      else {
        stateRef.current = next;
        setState(next);
      }
    };
    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    socket.on("room:event", onEvent);
    if (socket.connected) onConnect();
    return () => {
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off("room:event", onEvent);
    };
  }, [resync]);

  return { state, connected, resync, setState };
}
