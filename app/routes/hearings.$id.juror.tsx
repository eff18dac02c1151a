import { titleMeta } from "~/utils/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { HearingRoom } from "~/components/hearing/hearing-room";
import { requireUser } from "~/utils/auth.server";
import { loadHearingSnapshot } from "~/utils/hearing-loader.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "juror");

/** The juror's phone: check in, follow the hearing, ask questions, deliberate, vote. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireUser(context, request);
  const snapshot = loadHearingSnapshot(context, params.id);
  if (snapshot.role.kind !== "juror") throw new Response("forbidden", { status: 403 });
  return { snapshot };
}

export default function JurorView() {
  const { snapshot } = useLoaderData<typeof loader>();
  return <HearingRoom initial={snapshot} />;
}
