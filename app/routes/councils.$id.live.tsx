import { titleMeta } from "~/utils/meta";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import councilStyles from "~/components/council/council.css";
import { CouncilRoom } from "~/components/council/council-room";
import { loadCouncilSnapshot } from "~/components/council/council-route.server";
import { requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "councilLive");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: councilStyles }];

/** A participant's phone: check in, follow the agenda, give opinions, vote. The chair goes to the console. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  const snapshot = loadCouncilSnapshot(context, params.id);
  if (snapshot.role.kind === "chair") throw redirect(`/manage/councils/${snapshot.council.id}`);
  // Not on this council's list: the public page shows the same meeting, read-only.
  if (snapshot.role.kind !== "member") throw redirect(`/councils/${snapshot.council.id}`);
  return { snapshot };
}

export default function MemberView() {
  const { snapshot } = useLoaderData<typeof loader>();
  return <CouncilRoom initial={snapshot} />;
}
