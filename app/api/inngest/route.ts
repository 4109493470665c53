// GET, POST, PUT /api/inngest – Inngest's SDK endpoint: introspection, sync and step calls, signed by the Inngest server (public)
import { serve } from "inngest/next";
import type { NextRequest } from "next/server";
import { getInngestSetup } from "@/inngest";
import { errorResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import type { ApiRouteKey } from "@/lib/auth/route-permissions";
import { getEnv } from "@/lib/env";

type Method = "GET" | "POST" | "PUT";
type ServeHandlers = ReturnType<typeof serve>;

let served: { setup: ReturnType<typeof getInngestSetup>; handlers: ServeHandlers } | undefined;

/** Built on first use (not at import), and again when the setup changes (tests swap it). */
function serveHandlers(): ServeHandlers {
  const setup = getInngestSetup();
  if (served?.setup !== setup) served = { setup, handlers: serve({ client: setup.client, functions: setup.functions }) };
  return served.handlers;
}

const inngestRoute = (method: Method) =>
  withApi({ route: `${method} /api/inngest` satisfies ApiRouteKey, permission: "public" }, async ({ req }) => {
    // With the local provider there is no Inngest endpoint: the same 404 as any unknown API path.
    if (getEnv().JOBS_PROVIDER !== "inngest") {
      return errorResponse("not_found", `No API route at ${new URL(req.url).pathname}: jobs run in-process (JOBS_PROVIDER=local).`);
    }
    return serveHandlers()[method](req as NextRequest, undefined);
  });

export const GET = inngestRoute("GET");
export const POST = inngestRoute("POST");
export const PUT = inngestRoute("PUT");
