// ANY /api/* with no route – the one JSON error body instead of an HTML 404 page (public)
import { errorResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import type { ApiRouteKey } from "@/lib/auth/route-permissions";

const notFound = (route: ApiRouteKey) =>
  withApi({ route, permission: "public" }, async ({ req }) =>
    errorResponse("not_found", `No API route at ${new URL(req.url).pathname}. See the API table in the README.`),
  );

export const GET = notFound("GET /api/[...path]");
export const POST = notFound("POST /api/[...path]");
export const PUT = notFound("PUT /api/[...path]");
export const PATCH = notFound("PATCH /api/[...path]");
export const DELETE = notFound("DELETE /api/[...path]");
