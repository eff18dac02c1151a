import { titleMeta } from "~/utils/meta";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import councilStyles from "~/components/council/council.css";
import { CouncilRoom } from "~/components/council/council-room";
import { loadCouncilSnapshot } from "~/components/council/council-route.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "councilGuest", {}, true);
export const links: LinksFunction = () => [{ rel: "stylesheet", href: councilStyles }];

/** An invited guest's view (物业公司, 业委会, 居民), reached through a one-time link scoped to this council. */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const snapshot = loadCouncilSnapshot(context, params.id);
  if (snapshot.role.kind !== "guest") throw new Response("forbidden", { status: 403 });
  return { snapshot };
}

export default function GuestView() {
  const { snapshot } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <CouncilRoom
      initial={snapshot}
      extra={(state) => (state.council.status === "announced" ? <p className="alert alert--info">{t("council.room.guestWelcome")}</p> : null)}
    />
  );
}
