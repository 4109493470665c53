import "server-only";
import nodemailer from "nodemailer";
import { canSeeAlert } from "@/lib/alerts/visibility";
import { getWatchlistStore } from "@/lib/alerts/watchlist-store";
import { getUser, listUsers, type StoredUser } from "@/lib/auth/users";
import { getStateStore } from "@/lib/cache/get-state-store";
import type { StateStore } from "@/lib/cache/state-store";
import { getEnv } from "@/lib/env";
import { renderDigestEmail } from "@/lib/alerts/digest-email";
import { hashForLog } from "@/lib/observability/log-hash";
import { logger } from "@/lib/observability/logger";
import type { AlertRecord } from "@/lib/schemas/alerts";
import type { WatchlistRecord } from "@/lib/schemas/watchlists";

// After a scheduled scan (issue #12): one digest email per recipient of the alerts raised in that run
// that the recipient may see. Recipients are each watchlist's owner, the users it is shared with by
// name and, when shared with all analysts, every analyst; only enabled accounts, and each alert is
// checked with canSeeAlert. Sending is at most once per recipient and run (a mark after each send), a
// failure is logged and never fails the scan. Logs name users by hash and count alerts, nothing more.

export type DigestItem = { watchlistId: string; alerts: AlertRecord[] };

export type SendDigestResult = {
  /** "smtp-off" when SMTP_URL is unset; "nothing-raised" when the run raised no alert. */
  skipped?: "smtp-off" | "nothing-raised";
  recipients: number;
  sent: number;
  failed: number;
};

export type MailTransport = { sendMail(message: { from: string; to: string; subject: string; text: string; html: string }): Promise<unknown> };

export type SendDigestDeps = {
  smtpUrl: string | undefined;
  from: string;
  baseUrl: string;
  store: StateStore;
  /** "cer:" in the app: where the sent marks live. */
  keyPrefix: string;
  getWatchlist: (id: string) => Promise<WatchlistRecord | null>;
  getUser: (id: string) => Promise<Pick<StoredUser, "id" | "email" | "role" | "disabled"> | null>;
  listUsers: () => Promise<Pick<StoredUser, "id" | "email" | "role" | "disabled">[]>;
  /** Built from smtpUrl by default. */
  transport?: MailTransport;
};

type Recipient = Pick<StoredUser, "id" | "email" | "role" | "disabled">;

/** The app's public base URL for links in emails: AUTH_URL, else the local server on PORT. */
export function appBaseUrl(env: { AUTH_URL?: string; PORT: number } = getEnv()): string {
  return env.AUTH_URL ?? `http://localhost:${env.PORT}`;
}

export function defaultSendDigestDeps(): SendDigestDeps {
  const env = getEnv();
  return {
    smtpUrl: env.SMTP_URL,
    from: env.ALERTS_EMAIL_FROM,
    baseUrl: appBaseUrl(env),
    store: getStateStore(),
    keyPrefix: "cer:",
    getWatchlist: (id) => getWatchlistStore().get(id),
    getUser,
    listUsers,
  };
}

/**
 * Who gets which alerts: user id → the alerts (with their watchlist's name) that user may see. Only
 * enabled users; an alert whose watchlist was deleted since goes to its owner alone (canSeeAlert).
 */
export async function digestRecipients(
  items: readonly DigestItem[],
  deps: Pick<SendDigestDeps, "getWatchlist" | "getUser" | "listUsers">,
): Promise<Map<string, { user: Recipient; alerts: { alert: AlertRecord; watchlistName: string | null }[] }>> {
  const byUser = new Map<string, { user: Recipient; alerts: { alert: AlertRecord; watchlistName: string | null }[] }>();
  const users = new Map<string, Recipient | null>();
  let analysts: Recipient[] | undefined;
  const userById = async (id: string) => {
    if (!users.has(id)) users.set(id, await deps.getUser(id));
    return users.get(id) ?? null;
  };

  for (const item of items) {
    if (item.alerts.length === 0) continue;
    const watchlist = await deps.getWatchlist(item.watchlistId);
    const candidates = new Map<string, Recipient>();
    const namedIds = new Set(item.alerts.map((alert) => alert.owner));
    if (watchlist) {
      namedIds.add(watchlist.owner);
      for (const id of watchlist.sharing.userIds) namedIds.add(id);
      if (watchlist.sharing.allAnalysts) {
        analysts ??= (await deps.listUsers()).filter((user) => user.role === "analyst");
        for (const analyst of analysts) candidates.set(analyst.id, analyst);
      }
    }
    for (const id of namedIds) {
      const user = await userById(id);
      if (user) candidates.set(user.id, user);
    }
    for (const user of candidates.values()) {
      if (user.disabled) continue;
      const visible = item.alerts.filter((alert) => canSeeAlert({ userId: user.id, role: user.role }, alert, watchlist));
      if (visible.length === 0) continue;
      const entry = byUser.get(user.id) ?? { user, alerts: [] };
      for (const alert of visible) entry.alerts.push({ alert, watchlistName: watchlist?.name ?? null });
      byUser.set(user.id, entry);
    }
  }
  return byUser;
}

const sentKey = (prefix: string, slot: string, userId: string) => `${prefix}scan-digest:${slot}:sent:${hashForLog(userId)}`;
/** Long enough to outlive any retry or resume of the run. */
const SENT_MARK_TTL_SECONDS = 14 * 86_400;

/** What a send failure says in logs: the SMTP codes, never the message (it may quote an address). */
function failureFields(error: unknown): Record<string, unknown> {
  const e = error as { code?: unknown; responseCode?: unknown; command?: unknown };
  return { code: typeof e?.code === "string" ? e.code : "unknown", responseCode: typeof e?.responseCode === "number" ? e.responseCode : undefined, command: typeof e?.command === "string" ? e.command : undefined };
}

/** Sends the digest of one scheduled scan (`slot`), one email per recipient. Never throws for a send. */
export async function sendScanDigest(input: { slot: string; items: readonly DigestItem[] }, deps: SendDigestDeps = defaultSendDigestDeps()): Promise<SendDigestResult> {
  if (deps.smtpUrl === undefined && deps.transport === undefined) return { skipped: "smtp-off", recipients: 0, sent: 0, failed: 0 };
  const alerts = input.items.reduce((n, item) => n + item.alerts.length, 0);
  if (alerts === 0) return { skipped: "nothing-raised", recipients: 0, sent: 0, failed: 0 };

  const recipients = await digestRecipients(input.items, deps);
  const transport: MailTransport = deps.transport ?? nodemailer.createTransport(deps.smtpUrl as string);
  let sent = 0;
  let failed = 0;
  for (const [userId, { user, alerts: visible }] of recipients) {
    const mark = sentKey(deps.keyPrefix, input.slot, userId);
    if ((await deps.store.get(mark)) !== null) continue;
    const email = renderDigestEmail({ slot: input.slot, baseUrl: deps.baseUrl, alerts: visible });
    try {
      await transport.sendMail({ from: deps.from, to: user.email, ...email });
      await deps.store.set(mark, "1", { ttlSeconds: SENT_MARK_TTL_SECONDS });
      sent++;
      logger.info("alerts.digest_sent", { recipient: hashForLog(userId), alerts: visible.length, slot: input.slot });
    } catch (error) {
      failed++;
      logger.warn("alerts.digest_send_failed", { recipient: hashForLog(userId), alerts: visible.length, slot: input.slot, ...failureFields(error) });
    }
  }
  if (deps.transport === undefined && "close" in transport && typeof transport.close === "function") (transport.close as () => void)();
  logger.info("alerts.digest_done", { slot: input.slot, alerts, recipients: recipients.size, sent, failed });
  return { recipients: recipients.size, sent, failed };
}
