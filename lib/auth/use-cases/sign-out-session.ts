import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { endSession } from "@/lib/auth/sessions";

/**
 * Ends a browser session server-side (its cookie is dead from the next request on) and audits
 * `auth.sign_out`. next-auth's sign-out clears the cookie and calls this from its signOut event.
 */
export async function signOutSession(session: { sessionId: string; userId: string | undefined }): Promise<void> {
  await endSession(session.sessionId);
  await recordAudit({
    action: "auth.sign_out",
    outcome: "success",
    actor: { userId: session.userId, via: "session" },
    target: { type: "session", id: session.sessionId },
    source: {},
  });
}
