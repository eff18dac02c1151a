import { useRevalidator } from "@remix-run/react";
import { UserText } from "~/components/system-text";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { CommandForm } from "~/components/hearing/command-form";
import { LiveStatus } from "~/components/hearing/live-status";
import { useLiveRoom } from "~/live/use-live-room";
import { formatDateTime } from "~/utils/format";
import { Agenda } from "./agenda";
import { applyCouncilEvent } from "./apply-event";
import { ChairControls } from "./chair-controls";
import { CurrentItem } from "./current-item";
import { Participants } from "./participants";
import type { CouncilSnapshot } from "./types";

/** Keeps a council snapshot live over the socket (join, events with sequence numbers, resync). */
export function useCouncil(initial: CouncilSnapshot) {
  return useLiveRoom<CouncilSnapshot>({ joinEvent: "council:join", payload: { councilId: initial.council.id }, initial, apply: applyCouncilEvent });
}

/**
 * A page whose layout depends on the council's status (the notice, the console's forms) loads again
 * when the live room moves the council on — started or ended from another tab or device.
 */
export function ReloadOnStatusChange({ loaded, live }: { loaded: string; live: string }) {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    // A form submitted meanwhile supersedes this reload and aborts it: that is expected, not an error.
    if (loaded !== live && state === "idle") Promise.resolve(revalidate()).catch(() => {});
  }, [loaded, live, revalidate, state]);
  return null;
}

/** Follows the room without showing it, to reload a static page (the notice) when the council starts. */
export function FollowStatus({ initial }: { initial: CouncilSnapshot }) {
  const { state } = useCouncil(initial);
  return <ReloadOnStatusChange loaded={initial.council.status} live={state.council.status} />;
}

/**
 * The live council for the chair, a representative, a guest or a spectator: the same state, each
 * role with its own actions. The server decides the role; the page shows only what it may do.
 */
export function CouncilRoom({
  initial,
  extra,
  footer,
}: {
  initial: CouncilSnapshot;
  /** Shown above the agenda (e.g. a guest's welcome). */
  extra?: (state: CouncilSnapshot) => React.ReactNode;
  /** Shown below the room (e.g. the chair's resolutions, which follow the live state). */
  footer?: (state: CouncilSnapshot) => React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const { state, connected } = useCouncil(initial);
  const c = state.council;
  const role = state.role;
  const participant = role.kind === "member" || role.kind === "guest";

  return (
    <div className="stack council-room">
      <header className="room-header">
        <div>
          <p className="badge">{t(`council.status.${c.status}`)}</p>
          <h1><UserText>{c.title}</UserText></h1>
          <p className="muted">
            {formatDateTime(c.scheduledAt, i18n.language)} · <UserText>{c.place}</UserText> · <UserText>{c.communityName}</UserText>
          </p>
          <p className="muted small">{t("council.room.youAre", { role: t(`council.role.${role.kind}${role.kind === "member" && !role.voting ? "Observer" : ""}`) })}</p>
        </div>
        <LiveStatus connected={connected} />
      </header>

      {participant && c.status === "live" ? (
        <section className="card">
          {role.checkedIn ? (
            <p className="alert alert--success">{t("council.room.checkedIn")}</p>
          ) : (
            <CommandForm event="council:checkin" submitLabel={t("council.room.checkin")} payload={() => ({ councilId: c.id })} />
          )}
        </section>
      ) : null}

      {extra?.(state)}

      <div className="room-layout">
        <div className="stack">
          {role.kind === "chair" && (c.status === "announced" || c.status === "live") ? <ChairControls state={state} /> : null}
          <CurrentItem state={state} />
          <Agenda state={state} />
        </div>
        <div className="stack">
          <Participants state={state} />
        </div>
      </div>
      {footer?.(state)}
    </div>
  );
}
