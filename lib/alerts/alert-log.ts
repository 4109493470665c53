import "server-only";
import { getEventLog } from "@/lib/cache/get-event-log";
import type { AlertEvent } from "@/lib/schemas/alerts";

// The alert log: every raised or moved alert is one entry of one stream, which every app instance's
// SSE fan-out reads (lib/alerts/alert-hub.ts). The entry id is the SSE event id.

export const ALERT_STREAM = "cer:alerts:log";

/** Appends the event; returns its id (the alert's `eventId` when raised). */
export async function publishAlertEvent(event: AlertEvent): Promise<string> {
  return getEventLog().append(ALERT_STREAM, JSON.stringify(event));
}
