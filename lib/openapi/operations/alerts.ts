import { z } from "zod";
import { alertListQuerySchema, alertMoveSchema, alertRecordSchema } from "@/lib/schemas/alerts";
import {
  alertPageResponseSchema,
  deletedWatchlistResponseSchema,
  watchlistListResponseSchema,
  watchlistScanResponseSchema,
  watchlistViewSchema,
} from "@/lib/schemas/api-responses";
import { watchlistInputSchema, watchlistPatchSchema } from "@/lib/schemas/watchlists";
import { json, type OperationSpec } from "@/lib/openapi/operation-spec";

const WATCHLISTS = "Watchlists";
const ALERTS = "Alerts";
const HIDDEN = "Anyone who may not see it gets 404, as for one that does not exist.";
const watchlistId = z.object({ id: z.string().regex(/^wl_[A-Za-z0-9_-]{8,64}$/).describe("A watchlist id (wl_…).") });
const alertId = z.object({ id: z.string().regex(/^alr_[A-Za-z0-9_-]{8,64}$/).describe("An alert id (alr_…).") });

export const ALERT_OPERATIONS: OperationSpec[] = [
  {
    route: "GET /api/watchlists",
    tag: WATCHLISTS,
    summary: "The watchlists you can see: your own, shared with you, shared with all analysts (admins: all)",
    responses: { 200: { description: "The watchlists.", body: json(watchlistListResponseSchema) } },
  },
  {
    route: "POST /api/watchlists",
    tag: WATCHLISTS,
    summary: "Create a watchlist",
    body: json(watchlistInputSchema, {
      name: "Letairis spikes",
      product: { drug: "LETAIRIS" },
      watch: [{ kind: "spike", method: "auto" }, { kind: "fatal_report" }],
      schedule: "daily",
      sharing: { users: [], allAnalysts: true },
    }),
    responses: {
      201: {
        description: "Created.",
        headers: { location: { description: "The new watchlist: /api/watchlists/{id}.", schema: { type: "string" } } },
        body: json(watchlistViewSchema),
      },
    },
    errors: ["conflict", "upstream_unavailable"],
  },
  {
    route: "GET /api/watchlists/[id]",
    tag: WATCHLISTS,
    summary: "One watchlist",
    description: HIDDEN,
    params: watchlistId,
    responses: { 200: { description: "The watchlist.", body: json(watchlistViewSchema) } },
  },
  {
    route: "PATCH /api/watchlists/[id]",
    tag: WATCHLISTS,
    summary: "Change a watchlist (owner or admin)",
    description: HIDDEN,
    params: watchlistId,
    body: json(watchlistPatchSchema, { schedule: "weekly" }),
    responses: { 200: { description: "The changed watchlist.", body: json(watchlistViewSchema) } },
  },
  {
    route: "DELETE /api/watchlists/[id]",
    tag: WATCHLISTS,
    summary: "Delete a watchlist (owner or admin)",
    description: HIDDEN,
    params: watchlistId,
    responses: { 200: { description: "Deleted.", body: json(deletedWatchlistResponseSchema) } },
  },
  {
    route: "POST /api/watchlists/[id]/scan",
    tag: WATCHLISTS,
    summary: "Scan a watchlist now: its findings, the alerts raised, what went wrong per rule",
    description: HIDDEN,
    params: watchlistId,
    responses: { 200: { description: "The scan's result.", body: json(watchlistScanResponseSchema) } },
    errors: ["conflict", "upstream_unavailable", "service_unavailable"],
  },
  {
    route: "GET /api/alerts",
    tag: ALERTS,
    summary: "Alerts you can see, newest first, with filters and cursor paging",
    query: alertListQuerySchema,
    responses: { 200: { description: "One page of alerts; pass `nextCursor` back as `cursor`.", body: json(alertPageResponseSchema) } },
  },
  {
    route: "GET /api/alerts/[id]",
    tag: ALERTS,
    summary: "An alert with its finding, provenance and history",
    description: HIDDEN,
    params: alertId,
    responses: { 200: { description: "The alert.", body: json(alertRecordSchema) } },
  },
  {
    route: "PATCH /api/alerts/[id]",
    tag: ALERTS,
    summary: "Move an alert through its states (validate, assess, close, dismiss, reopen)",
    description: `${HIDDEN} A move its state does not allow is 409. Closing needs an outcome and a reason.`,
    params: alertId,
    body: json(alertMoveSchema, { to: "closed", outcome: "refuted", reason: "Known, labelled reaction; no new signal." }),
    responses: { 200: { description: "The alert after the move.", body: json(alertRecordSchema) } },
    errors: ["conflict"],
  },
  {
    route: "GET /api/alerts/stream",
    tag: ALERTS,
    summary: "Live alerts as Server-Sent Events",
    description:
      "An EventSource stream of `alert` events (raised or moved) for alerts you may see. Each event's `id` is its position in the alert log: " +
      "reconnect with `Last-Event-ID` to resume after it. `data` is JSON `{ type: \"alert.raised\" | \"alert.moved\", alertId, alert }`. Comments (`: heartbeat`) keep the connection open.",
    responses: {
      200: {
        description: "The event stream (stays open).",
        body: {
          contentType: "text/event-stream",
          schema: { type: "string", description: "Lines of `id:`, `event: alert` and `data:` (JSON AlertEvent), events separated by a blank line." },
          example: 'id: 1733306400000-0\nevent: alert\ndata: {"type":"alert.raised","alertId":"alr_…","alert":{…}}\n\n',
        },
      },
    },
    errors: ["service_unavailable"],
  },
];
