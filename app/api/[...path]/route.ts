// ANY /api/* with no route – the one JSON error body instead of an HTML 404 page (public)
import { errorResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";

const notFound = withApi({ route: "ANY /api/[...path]", access: "public" }, async ({ req }) =>
  errorResponse("not_found", `No API route at ${new URL(req.url).pathname}. See the API table in the README.`),
);

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
