import { titleMeta } from "~/utils/meta";
import { UserText } from "~/components/system-text";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LiveStatus } from "~/components/hearing/live-status";
import { ItemBadge } from "~/components/council/agenda";
import councilStyles from "~/components/council/council.css";
import { useCouncil } from "~/components/council/council-room";
import { loadCouncilSnapshot } from "~/components/council/council-route.server";
import { CurrentItem } from "~/components/council/current-item";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "councilScreen");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: councilStyles }];
export const handle = { bare: true };

/** The hall projector: the item under vote, the live tally and turnout, the agenda's results. */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const snapshot = loadCouncilSnapshot(context, params.id);
  if (snapshot.council.status === "draft") throw new Response("not found", { status: 404 });
  return { snapshot };
}

export default function CouncilScreen() {
  const { snapshot } = useLoaderData<typeof loader>();
  const { state, connected } = useCouncil(snapshot);
  const { t } = useTranslation();
  const voting = state.participants.filter((p) => p.voting);
  return (
    <main className="screen" id="main">
      <header className="room-header">
        <h1><UserText>{state.council.title}</UserText></h1>
        <LiveStatus connected={connected} />
      </header>
      <p className="quorum quorum--met">{t("council.room.presentVoters", { present: voting.filter((p) => p.checkedIn).length, total: voting.length })}</p>
      <div className="room-layout">
        <CurrentItem state={state} big />
        <section className="card stack">
          <h2>{t("council.agenda")}</h2>
          <ol className="council-agenda">
            {state.items.map((i) => (
              <li key={i.id} className="council-agenda__item" data-current={state.council.currentItemId === i.id ? "true" : undefined}>
                <strong>
                  {t("council.itemNumber", { n: i.number })} <UserText>{i.title}</UserText>
                </strong>{" "}
                <ItemBadge item={i} />
              </li>
            ))}
          </ol>
        </section>
      </div>
    </main>
  );
}
