import { expect, type Page, type Request } from "@playwright/test";
import { readAuthState } from "./auth";
import { addFault, analystPageTest, clearFaults } from "./fixtures";

// Watchlists, alerts and their live feed end to end against the standalone server (in-memory store and alert
// log, the local openFDA-compatible server): create a watchlist on /watchlists, scan it, see its alerts
// on /alerts; an alert raised while a page is open shows in the header within 2 s; two tabs share one
// /api/alerts/stream connection; an alert moves through GVP IX's states with the buttons and an
// illegal move is never offered.

// A scan looks at the last years up to today, and the fake server's records end in 2014: so the scan's
// one fatal-report query is answered with a real fatal record of the fake server, received 5 days ago
// (an injected answer). Reports finishing raise report_ready alerts: those are the live ones below.
const PRODUCT = "LETAIRIS";
const LETAIRIS_2014 = { product: { drug: "LETAIRIS" }, from: "2014-01-01", to: "2014-12-31" };

const isStream = (request: Request) => new URL(request.url()).pathname === "/api/alerts/stream";
const api = (path: string) => `http://localhost:${process.env.E2E_APP_PORT ?? 3100}${path}`;
const bearer = () => ({ authorization: `Bearer ${readAuthState().analystPat}`, "content-type": "application/json" });

/** The next drug/event query for fatal reports gets one recent fatal report (a real record, redated). */
async function injectRecentFatalReport(reportId: string): Promise<void> {
  const real = (await (await fetch(`http://127.0.0.1:${process.env.E2E_OPENFDA_PORT ?? 4010}/drug/event.json?search=seriousnessdeath:1&limit=1`)).json()) as {
    meta: Record<string, unknown>;
    results: Record<string, unknown>[];
  };
  const received = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10).replace(/-/g, "");
  const record = { ...real.results[0], safetyreportid: reportId, receivedate: received, receiptdate: received };
  const body = JSON.stringify({ meta: { ...real.meta, results: { skip: 0, limit: 1, total: 1 } }, results: [record] });
  await addFault({ match: "seriousnessdeath", times: 1, status: 200, body });
}

/** A CER requested through the API with the analyst's token (the page's user) and waited for: its end raises a report_ready alert. */
async function finishReport(title: string): Promise<void> {
  const started = await fetch(api("/api/reports"), { method: "POST", headers: bearer(), body: JSON.stringify({ ...LETAIRIS_2014, title }) });
  expect(started.status, await started.clone().text()).toBe(202);
  const { taskId } = (await started.json()) as { taskId: string };
  const until = Date.now() + 90_000;
  for (;;) {
    const task = (await (await fetch(api(`/api/tasks/${taskId}`), { headers: bearer() })).json()) as { status: string; error?: string };
    if (task.status === "succeeded") return;
    if (["failed", "cancelled"].includes(task.status) || Date.now() > until) throw new Error(`report task ${task.status}: ${task.error ?? ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function createWatchlistOnPage(page: Page, name: string): Promise<void> {
  await page.goto("/watchlists");
  const form = page.getByRole("form", { name: "Create a watchlist" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Product", { exact: true }).fill(PRODUCT);
  await form.getByLabel("Spike in reports").uncheck();
  await form.getByLabel("New fatal report").check();
  await form.getByRole("button", { name: "Create watchlist" }).click();
  await expect(form.getByRole("status").filter({ hasText: "created" })).toBeVisible();
}

analystPageTest.describe.configure({ timeout: 120_000 });

analystPageTest.afterEach(async () => {
  await clearFaults();
});

analystPageTest("create a watchlist on /watchlists → Scan now → its alerts on /alerts, with provenance", async ({ page }) => {
  const name = `LETAIRIS watch ${Date.now()}`;
  await createWatchlistOnPage(page, name);
  const row = page.getByTestId("watchlist-row").filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row.getByTestId("watchlist-last-scan")).toHaveText("Not scanned yet");
  const reportId = `E2E${Date.now()}`;
  await injectRecentFatalReport(reportId);
  await row.getByRole("button", { name: "Scan now" }).click();
  await expect(row.getByTestId("scan-result")).toHaveText("Scan finished: 1 new alert raised.", { timeout: 30_000 });
  await expect(row.getByTestId("watchlist-last-scan")).toContainText("alert(s) raised");
  // Settings change in place through the update action.
  await expect(row).toContainText("daily");
  await row.getByRole("button", { name: "Settings" }).click();
  const settings = row.getByRole("form", { name: `Settings of ${name}` });
  await settings.getByLabel("Schedule").selectOption("weekly");
  await settings.getByLabel("Share with all analysts").check();
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(row).toContainText("weekly · shared with all analysts");

  await row.getByRole("link", { name: "Alerts" }).click();
  await expect(page).toHaveURL(/\/alerts\?watchlist=wl_/);
  const alerts = page.getByTestId("alert-row");
  await expect(alerts.first()).toBeVisible();
  await expect(alerts.first().getByTestId("alert-product")).toHaveText(PRODUCT);
  await expect(alerts.first().getByTestId("alert-state")).toHaveText("New");
  await expect(alerts.first().getByTestId("alert-kind")).toHaveText("fatal report");
  // The injected report (or, on a repeat against the same server, the app's cached answer for the same query).
  await expect(alerts.first().getByTestId("alert-title")).toHaveText(/^LETAIRIS: fatal report E2E\d+$/);
  await alerts.first().getByText("Provenance").click();
  await expect(alerts.first().getByTestId("alert-provenance")).toContainText("Threshold");
});

analystPageTest("an alert raised while a page is open shows as a toast and in the badge within 2 s", async ({ page }) => {
  // Opening /alerts marks everything seen; then leave for another page.
  await page.goto("/alerts");
  await expect(page.getByTestId("alerts-link")).toBeVisible();
  await page.goto("/account");
  await expect(page.getByTestId("alerts-badge")).toHaveCount(0);
  // Let the tab take the lock and open the stream.
  await page.waitForTimeout(1000);

  await finishReport(`Live alert ${Date.now()}`);
  await expect(page.getByTestId("alert-toast").first()).toBeVisible({ timeout: 2000 });
  await expect(page.getByTestId("alerts-badge")).toHaveText("1", { timeout: 2000 });
  await expect(page.getByTestId("alert-toasts")).toHaveAttribute("aria-live", "polite");
  // The toast links to the alert, and goes away by itself.
  await expect(page.getByTestId("alert-toast").first().getByRole("link", { name: "Open alert" })).toHaveAttribute("href", /^\/alerts#alr_/);
  await expect(page.getByTestId("alert-toast")).toHaveCount(0, { timeout: 9000 });
});

analystPageTest("two tabs in one browser share one /api/alerts/stream connection; the other takes over when the leader closes", async ({ context }) => {
  const streams: string[] = [];
  context.on("request", (request) => {
    if (isStream(request)) streams.push(request.url());
  });
  const first = await context.newPage();
  await first.goto("/watchlists");
  // The header says which role the tab has in the election (the leader holds the EventSource).
  await expect(first.getByTestId("alerts-link")).toHaveAttribute("data-stream-role", "leader");
  const second = await context.newPage();
  await second.goto("/alerts");
  await expect(second.getByRole("heading", { name: "Alerts" })).toBeVisible();
  await expect(second.getByTestId("alerts-link")).toHaveAttribute("data-stream-role", "follower");
  await second.waitForTimeout(2500);
  expect(streams).toHaveLength(1);

  // The leader closes: the follower gets the lock and opens the stream.
  await first.close();
  await expect(second.getByTestId("alerts-link")).toHaveAttribute("data-stream-role", "leader", { timeout: 5000 });
  await expect.poll(() => streams.length, { timeout: 5000 }).toBe(2);
  // Both tabs still hear events: an alert raised now shows on the remaining tab.
  await finishReport(`Takeover alert ${Date.now()}`);
  await expect(second.getByTestId("alert-row").first()).toHaveAttribute("data-alert-state", "new");
  await expect(second.getByTestId("alert-toast").first()).toBeVisible({ timeout: 2000 });
});

analystPageTest("an alert moves new → validated → under assessment → closed with the buttons; illegal moves are not offered", async ({ page }) => {
  await finishReport(`Moves alert ${Date.now()}`);
  await page.goto("/alerts");
  const row = page.locator('[data-testid="alert-row"][data-alert-state="new"]').first();
  await expect(row).toBeVisible();
  const id = await row.getAttribute("data-alert-id");
  const alert = page.locator(`[data-alert-id="${id}"][data-testid="alert-row"]`);
  const moveButtons = alert.locator("button[data-move]");

  // new: validate or dismiss only.
  await expect(moveButtons).toHaveText(["Validate", "Dismiss"]);
  await expect(alert.getByRole("button", { name: "Close", exact: true })).toHaveCount(0);
  await expect(alert.getByRole("button", { name: "Start assessment" })).toHaveCount(0);

  await alert.getByRole("button", { name: "Validate" }).click();
  await alert.getByRole("button", { name: "Confirm: validate" }).click();
  await expect(alert).toHaveAttribute("data-alert-state", "validated");
  await expect(moveButtons).toHaveText(["Start assessment", "Dismiss"]);

  await alert.getByRole("button", { name: "Start assessment" }).click();
  await alert.getByLabel("Reason (optional)").fill("Case series review started");
  await alert.getByRole("button", { name: "Confirm: start assessment" }).click();
  await expect(alert).toHaveAttribute("data-alert-state", "under_assessment");
  await expect(moveButtons).toHaveText(["Close"]);

  // Closing needs a reason and an outcome.
  await alert.getByRole("button", { name: "Close", exact: true }).click();
  await expect(alert.getByLabel("Reason (required)")).toHaveAttribute("required", "");
  await alert.getByLabel("Reason (required)").fill("Labelled reaction; no new safety information");
  await alert.getByLabel("Outcome").selectOption("refuted");
  await alert.getByRole("button", { name: "Confirm: close" }).click();
  await expect(alert).toHaveAttribute("data-alert-state", "closed");
  await expect(moveButtons).toHaveCount(0);
  await alert.getByText(/History \(3\)/).click();
  await expect(alert.getByTestId("alert-history")).toContainText("Labelled reaction; no new safety information");
});
