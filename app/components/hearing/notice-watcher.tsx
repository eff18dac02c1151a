import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useHearing } from "./hearing-room";
import { LiveStatus } from "./live-status";
import type { HearingSnapshot } from "./types";

/**
 * Keeps a notice page connected (issue 14: a spectator page opened while the hearing was only
 * announced never went live). When the hearing's status changes — the draw opens, it starts, it is
 * cancelled — the page reloads its data and shows the live room or the cancellation.
 */
export function NoticeWatcher({ initial }: { initial: HearingSnapshot }) {
  const { state, connected } = useHearing(initial);
  const revalidator = useRevalidator();
  const changed = state.hearing.status !== initial.hearing.status || state.hearing.scheduledAt !== initial.hearing.scheduledAt;
  useEffect(() => {
    if (changed && revalidator.state === "idle") revalidator.revalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [changed]);
  return <LiveStatus connected={connected} />;
}
