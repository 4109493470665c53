// GET /api/alerts/stream – Server-Sent Events of raised and moved alerts the caller may see; resumes after Last-Event-ID (alerts:read)
import { alertStreamResponse } from "@/lib/alerts/alert-stream";
import { withApi } from "@/lib/api/with-api";

export const dynamic = "force-dynamic";

export const GET = withApi({ route: "GET /api/alerts/stream", permission: "alerts:read" }, async ({ req, principal }) => alertStreamResponse(req, principal));
