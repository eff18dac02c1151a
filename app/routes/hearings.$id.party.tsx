import { titleMeta } from "~/utils/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { HearingRoom } from "~/components/hearing/hearing-room";
import { loadHearingSnapshot } from "~/utils/hearing-loader.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "party", {}, true);

/** The party's view, reached through a one-time invitation link (the session is scoped to this hearing). */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const snapshot = loadHearingSnapshot(context, params.id);
  if (snapshot.role.kind !== "party") throw new Response("forbidden", { status: 403 });
  return { snapshot };
}

export default function PartyView() {
  const { snapshot } = useLoaderData<typeof loader>();
  return <HearingRoom initial={snapshot} />;
}
