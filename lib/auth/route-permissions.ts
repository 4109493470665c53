import type { Permission } from "@/lib/auth/permissions";

/**
 * Every route of the app — "METHOD /path" for route handlers, "PAGE /path" for pages, "ACTION name" for
 * server actions (each one is a POST endpoint of its own) — and the permission it needs. Handlers,
 * pages and actions declare the same permission in code; a test walks `app/` and every "use server"
 * file and fails on anything missing here, any entry with nothing behind it, and any disagreement.
 */
export const ROUTE_PERMISSIONS = {
  // Pages
  "PAGE /": "analytics:read",
  "PAGE /products/[type]/[name]": "analytics:read",
  "PAGE /signin": "public",
  "PAGE /account": "account:manage",
  "PAGE /admin": "users:manage",

  // Health and the JSON 404 for unknown API paths
  "GET /api/health": "public",
  // Operations (#13). /api/ready: readiness for load balancers (no secrets in it).
  "GET /api/ready": "public",
  // Prometheus scrape: with METRICS_TOKEN set, only `Authorization: Bearer <METRICS_TOKEN>`; unset,
  // admins only (checked in the handler, since a scraper is not a user).
  "GET /api/metrics": "public",
  // The API's OpenAPI 3.1 document and its Swagger UI page (public, like any API reference).
  "GET /api/openapi.json": "public",
  "PAGE /docs": "public",
  // Swagger UI's script and stylesheet for /docs (an allow-list of swagger-ui-dist files).
  "GET /docs/assets/[file]": "public",
  "GET /api/[...path]": "public",
  "POST /api/[...path]": "public",
  "PUT /api/[...path]": "public",
  "PATCH /api/[...path]": "public",
  "DELETE /api/[...path]": "public",

  // Inngest's SDK endpoint (introspection, sync, step calls): public, because the Inngest server
  // proves itself with a signature (X-Inngest-Signature, checked by the SDK in cloud mode); a JSON 404
  // unless JOBS_PROVIDER=inngest.
  "GET /api/inngest": "public",
  "POST /api/inngest": "public",
  "PUT /api/inngest": "public",

  // Sign-in (next-auth) and API token issue
  "GET /api/auth/[...nextauth]": "public",
  "POST /api/auth/[...nextauth]": "public",
  "POST /api/auth/token": "public",

  // Own account
  "GET /api/account/tokens": "account:manage",
  "POST /api/account/tokens": "account:manage",
  "DELETE /api/account/tokens/[id]": "account:manage",

  // Admin
  "GET /api/admin/users": "users:manage",
  "POST /api/admin/users": "users:manage",
  "PATCH /api/admin/users/[id]": "users:manage",
  "DELETE /api/admin/users/[id]": "users:manage",
  "GET /api/admin/audit": "audit:read",

  // Product analytics (openFDA or FAERS files)
  "GET /api/faers/trend": "analytics:read",
  "GET /api/faers/reactions": "analytics:read",
  "GET /api/faers/summary": "analytics:read",
  "GET /api/faers/cases": "analytics:read",
  "GET /api/faers/forecast": "analytics:read",
  "GET /api/faers/anomalies": "analytics:read",
  "GET /api/faers/signals": "analytics:read",

  // Analytics on data the caller sends
  "POST /api/analytics/normalize": "analytics:read",
  "POST /api/analytics/forecast": "analytics:read",
  "POST /api/analytics/anomalies": "analytics:read",
  "POST /api/analytics/disproportionality": "analytics:read",

  // CER reports and their background tasks (owner or admin; anyone else gets 404)
  "GET /api/reports": "reports:create",
  "POST /api/reports": "reports:create",
  "GET /api/reports/[id]": "reports:create",
  "DELETE /api/reports/[id]": "reports:create",
  "GET /api/reports/[id]/pdf": "reports:create",
  "GET /api/reports/[id]/changes": "reports:create",
  "POST /api/reports/verify": "reports:create",
  "GET /api/tasks/[id]": "reports:create",
  "PAGE /reports": "reports:create",

  // Watchlists (issue #12; owner, shared users, all analysts when shared with all, admins; others 404)
  "GET /api/watchlists": "alerts:read",
  "POST /api/watchlists": "watchlists:manage",
  "GET /api/watchlists/[id]": "alerts:read",
  "PATCH /api/watchlists/[id]": "watchlists:manage",
  "DELETE /api/watchlists/[id]": "watchlists:manage",
  "POST /api/watchlists/[id]/scan": "watchlists:manage",
  "ACTION watchlists.create": "watchlists:manage",
  "ACTION watchlists.update": "watchlists:manage",
  "ACTION watchlists.delete": "watchlists:manage",
  "ACTION watchlists.scan": "watchlists:manage",
  "PAGE /watchlists": "alerts:read",

  // Alerts and their live stream (issue #12)
  "GET /api/alerts": "alerts:read",
  "GET /api/alerts/[id]": "alerts:read",
  "PATCH /api/alerts/[id]": "alerts:assess",
  "GET /api/alerts/stream": "alerts:read",
  "PAGE /alerts": "alerts:read",

  // Server actions (lib/actions), called by the account and admin forms
  "ACTION account.createToken": "account:manage",
  "ACTION account.revokeToken": "account:manage",
  "ACTION admin.createUser": "users:manage",
  "ACTION admin.updateUser": "users:manage",
  "ACTION admin.deleteUser": "users:manage",
  "ACTION reports.request": "reports:create",
  "ACTION reports.cancelOrDelete": "reports:create",
  "ACTION alerts.move": "alerts:assess",
} as const satisfies Record<string, Permission>;

export type RouteKey = keyof typeof ROUTE_PERMISSIONS;
/** Route handler keys: what withApi may declare. */
export type ApiRouteKey = Exclude<RouteKey, `PAGE ${string}` | `ACTION ${string}`>;
/** A server action's name, as its metadata and log lines carry it ("account.createToken"). */
export type ActionName = RouteKey extends infer K ? (K extends `ACTION ${infer N}` ? N : never) : never;
