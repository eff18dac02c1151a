import { titleMeta } from "~/utils/meta";
import { SystemText, UserText, systemString } from "~/components/system-text";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useHearing } from "~/components/hearing/hearing-room";
import { LiveStatus } from "~/components/hearing/live-status";
import { PanelList } from "~/components/hearing/panel-list";
import { PhaseBar } from "~/components/hearing/phase-bar";
import { SpeakingTimer } from "~/components/hearing/speaking-timer";
import { HearingBallot } from "~/components/hearing/hearing-ballot";
import { RulingAnnouncement } from "~/components/hearing/ruling-announcement";
import { loadHearingSnapshot } from "~/utils/hearing-loader.server";
import type { HearingSnapshot } from "~/components/hearing/types";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "hearingScreen");
export const handle = { bare: true };

/** The hall projector: phase, speaker and timer, check-in and turnout, readable from the back row. */
export async function loader({ context, params }: LoaderFunctionArgs) {
  return { snapshot: loadHearingSnapshot(context, params.id) };
}

export default function BigScreen() {
  const { snapshot } = useLoaderData<typeof loader>();
  const { state, connected } = useHearing(snapshot);
  const { t } = useTranslation();
  const last = state.transcript.at(-1);
  return (
    <main className="screen" id="main">
      <header className="room-header">
        <h1 data-user-content>{state.hearing.title}</h1>
        <LiveStatus connected={connected} />
      </header>
      <PhaseBar state={state} />
      <RulingAnnouncement state={state} big />
      <ScreenExhibit state={state} />
      <div className="room-layout">
        <div className="stack">
          {state.hearing.status === "live" ? <SpeakingTimer state={state} big /> : <p className="badge">{t(`hearing.status.${state.hearing.status}`)}</p>}
          <HearingBallot state={state} big />
          {last ? (
            <section className="card">
              <p className="muted">
                <SystemText text={last.speaker} />
              </p>
              <p style={{ fontSize: "var(--text-xl)" }}>
                <SystemText text={last.text} />
              </p>
            </section>
          ) : null}
        </div>
        <PanelList state={state} big />
      </div>
    </main>
  );
}

/** The exhibit the chair shows (admitted and public only — the server sends nothing else): an image inline. */
function ScreenExhibit({ state }: { state: HearingSnapshot }) {
  const { t } = useTranslation();
  const e = state.screenExhibit;
  if (!e) return null;
  const src = `/hearings/${state.hearing.id}/exhibits/${e.sha256}`;
  return (
    <section className="card stack screen-exhibit" aria-live="polite" data-testid="screen-exhibit">
      <h2>
        {t("hearing.evidence.screenTitle")}：{e.number ? t("hearing.evidence.number", { n: e.number }) : null} {e.title}
      </h2>
      {e.mime.startsWith("image/") ? (
        <img src={src} alt={e.title} style={{ width: "100%", maxHeight: "62vh", objectFit: "contain" }} />
      ) : (
        <p className="muted">{t("hearing.evidence.screenPdf")}</p>
      )}
    </section>
  );
}
