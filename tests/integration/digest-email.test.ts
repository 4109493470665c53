import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sendScanDigest, type SendDigestDeps } from "@/lib/alerts/send-digest";
import { createWatchlistStore } from "@/lib/alerts/watchlist-store";
import { createUser, getUser, listUsers, updateUser, type StoredUser } from "@/lib/auth/users";
import { setStateStoreForTests } from "@/lib/cache/get-state-store";
import { createMemoryStateStore } from "@/lib/cache/memory-state-store";
import { freePort } from "@/tests/support/redis";
import { alertRecord, watchlistRecord } from "@/tests/support/alerts/fixtures";
import { startSmtpCapture, type CapturedMail, type SmtpCapture } from "@/tests/support/smtp-capture";

// The digest against a real SMTP server (smtp-server on 127.0.0.1): one email per recipient with the
// alerts that recipient may see, absolute links, and nothing for users the watchlists are not shared with.

let smtp: SmtpCapture;
let received: CapturedMail[] = [];
let smtpUrl: string;
const store = createMemoryStateStore();
const watchlists = createWatchlistStore(store, "t:");
const SLOT = "2026-12-03T06:00:00.000Z";
const users: Record<"owner" | "shared" | "analyst" | "disabled" | "viewer" | "admin", StoredUser> = {} as never;

/** The message's text as written (quoted-printable soft breaks and escapes undone). */
function decoded(raw: string): string {
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
const subjectOf = (raw: string) => /^Subject: (.*)$/m.exec(raw)?.[1] ?? "";
const mailTo = (user: StoredUser) => received.filter((mail) => mail.to.includes(user.email));

function deps(overrides: Partial<SendDigestDeps> = {}): SendDigestDeps {
  return {
    smtpUrl,
    from: "CER Analytics <alerts@localhost>",
    baseUrl: "https://cer.example.org",
    store,
    keyPrefix: "t:",
    getWatchlist: (id) => watchlists.get(id),
    getUser,
    listUsers,
    ...overrides,
  };
}

beforeAll(async () => {
  setStateStoreForTests(store);
  smtp = await startSmtpCapture();
  smtpUrl = smtp.url;
  received = smtp.mails;

  users.owner = await createUser({ email: "owner@example.org", password: null, role: "analyst", provider: "oidc" });
  users.shared = await createUser({ email: "shared.viewer@example.org", password: null, role: "viewer", provider: "oidc" });
  users.analyst = await createUser({ email: "other.analyst@example.org", password: null, role: "analyst", provider: "oidc" });
  users.disabled = await createUser({ email: "gone.analyst@example.org", password: null, role: "analyst", provider: "oidc" });
  users.viewer = await createUser({ email: "unshared.viewer@example.org", password: null, role: "viewer", provider: "oidc" });
  users.admin = await createUser({ email: "admin@example.org", password: null, role: "admin", provider: "oidc" });
  await updateUser(users.disabled.id, { disabled: true });

  // A: the owner's, shared with a named viewer and with every analyst. B: the other analyst's, not shared.
  await watchlists.create(watchlistRecord({ id: "wl_aaaaaaaa", owner: users.owner.id, name: "ACE inhibitors", sharing: { userIds: [users.shared.id], allAnalysts: true } }));
  await watchlists.create(watchlistRecord({ id: "wl_bbbbbbbb", owner: users.analyst.id, name: "Private list", product: { type: "device", name: "PUMP-X", filters: {} } }));
});

afterAll(async () => {
  setStateStoreForTests(undefined);
  await smtp.close();
});

const itemA = () => ({
  watchlistId: "wl_aaaaaaaa",
  alerts: [
    alertRecord({ id: "alr_a1a1a1a1", owner: users.owner.id, watchlistId: "wl_aaaaaaaa" }, "Spike of angioedema in 2026-10"),
    alertRecord({ id: "alr_a2a2a2a2", owner: users.owner.id, watchlistId: "wl_aaaaaaaa", links: { product: "/products/drug/ACME-PRIL", report: "/reports/rep_12345678" } }, "New fatal report 1234567"),
  ],
});
const itemB = () => ({
  watchlistId: "wl_bbbbbbbb",
  alerts: [alertRecord({ id: "alr_b1b1b1b1", owner: users.analyst.id, watchlistId: "wl_bbbbbbbb", product: { type: "device", name: "PUMP-X", filters: {} } }, "Signal: occlusion (ROR025 2.1)")],
});

describe("digest email of a scheduled scan", () => {
  test("one email per recipient, with the alerts each may see; none for a viewer not shared with, a disabled user or an admin", async () => {
    const result = await sendScanDigest({ slot: SLOT, items: [itemA(), itemB()] }, deps());
    expect(result).toEqual({ recipients: 3, sent: 3, failed: 0 });
    expect(received).toHaveLength(3);
    for (const user of [users.owner, users.shared, users.analyst]) expect(mailTo(user)).toHaveLength(1);
    for (const user of [users.viewer, users.disabled, users.admin]) expect(mailTo(user)).toHaveLength(0);
    for (const mail of received) expect(mail.from).toBe("alerts@localhost");

    const owner = decoded(mailTo(users.owner)[0]!.raw);
    expect(subjectOf(owner)).toMatch(/2 new alerts from the scheduled scan of 2026-12-03/);
    expect(owner).toContain("Spike of angioedema in 2026-10");
    expect(owner).toContain("New fatal report 1234567");
    expect(owner).not.toContain("occlusion");
    expect(owner).toContain("Method: ears_c2; threshold: count > upperBound 30.1; data as of: 2026-11-28");
    expect(owner).toContain("https://cer.example.org/products/drug/ACME-PRIL");
    expect(owner).toContain("https://cer.example.org/reports/rep_12345678");
    expect(owner).toContain("https://cer.example.org/alerts?watchlist=wl_aaaaaaaa");
    expect(owner).toContain('<a href="https://cer.example.org/products/drug/ACME-PRIL">Product view</a>');

    // Shared by name (a viewer): A's alerts only.
    const shared = decoded(mailTo(users.shared)[0]!.raw);
    expect(shared).toContain("Spike of angioedema in 2026-10");
    expect(shared).not.toContain("occlusion");

    // An analyst (A is shared with all analysts) who owns B: both watchlists' alerts in one email.
    const analyst = decoded(mailTo(users.analyst)[0]!.raw);
    expect(subjectOf(analyst)).toMatch(/3 new alerts/);
    expect(analyst).toContain("Spike of angioedema in 2026-10");
    expect(analyst).toContain("Signal: occlusion (ROR025 2.1)");
    expect(analyst).toContain("PUMP-X (device)");
  });

  test("a repeat for the same run (a retried digest step) sends nothing again", async () => {
    const before = received.length;
    const result = await sendScanDigest({ slot: SLOT, items: [itemA(), itemB()] }, deps());
    expect(result).toEqual({ recipients: 3, sent: 0, failed: 0 });
    expect(received).toHaveLength(before);
  });

  test("an SMTP server that is down: counted as failed, never thrown", async () => {
    const port = await freePort();
    const result = await sendScanDigest({ slot: "2026-12-04T06:00:00.000Z", items: [itemB()] }, deps({ smtpUrl: `smtp://127.0.0.1:${port}` }));
    expect(result).toEqual({ recipients: 1, sent: 0, failed: 1 });
  });

  test("no SMTP_URL, or nothing raised: nothing sent", async () => {
    const before = received.length;
    expect(await sendScanDigest({ slot: "2026-12-05T06:00:00.000Z", items: [itemA()] }, deps({ smtpUrl: undefined }))).toMatchObject({ skipped: "smtp-off", sent: 0 });
    expect(await sendScanDigest({ slot: "2026-12-05T06:00:00.000Z", items: [] }, deps())).toMatchObject({ skipped: "nothing-raised", sent: 0 });
    expect(received).toHaveLength(before);
  });
});
