import { expect, type Page, type Request } from "@playwright/test";
import { readAuthState } from "./auth";
import { analystPageTest } from "./fixtures";

// Watchlists, alerts and their live feed end to end against `next start` (in-memory store and alert
// log, the local openFDA-compatible server): create a watchlist on /watchlists, scan it, see its alerts
// on /alerts; an alert raised while a page is open shows in the header within 2 s; two tabs share one
// /api/alerts/stream connection; an alert moves through GVP IX's states with the buttons and an
// illegal move is never offered.

// LETAIRIS has 61 reports in the fake server's records (2008–2014): enough for spikes and signals.
const PRODUCT = "LETAIRIS";

const isStream = (request: Request) => new URL(request.url()).pathname === "/api/alerts/stream";

async function createWatchlistOnPage(page: Page, name: string): Promise<void> {
  await page.goto("/watchlists");
  const form = page.getByRole("form", { name: "Create a watchlist" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Product", { exact: true }).fill(PRODUCT);
  await form.getByLabel("Disproportionality signal").check();
  await form.getByLabel("Minimum cases").fill("3");
  await form.getByRole("button", { name: "Create watchlist" }).click();
  await expect(form.getByRole("status").filter({ hasText: "created" })).toBeVisible();
}

/** A watchlist made and scanned through the API with the analyst's token: the same user as the page's session. */
async function scanThroughApi(name: string): Promise<number> {
  const base = `http://localhost:${process.env.E2E_APP_PORT ?? 3100}`;
  const headers = { authorization: `Bearer ${readAuthState().analystPat}`, "content-type": "application/json" };
  const created = await fetch(`${base}/api/watchlists`, {
    method: "POST",
    headers,
    body: JSON.stringify({ name, product: { drug: PRODUCT }, watch: [{ kind: "spike", method: "auto" }, { kind: "signal", rule: "evans", minCount: 3 }], schedule: "weekly" }),
  });
  expect(created.status, await created.clone().text()).toBeLessThan(300);
  const body = (await created.json()) as { id?: string; watchlist?: { id: string } };
  const id = body.id ?? body.watchlist?.id;
  expect(id).toMatch(/^wl_/);
  const scan = await fetch(`${base}/api/watchlists/${id}/scan`, { method: "POST", headers });
  expect(scan.status, await scan.clone().text()).toBeLessThan(300);
  const result = (await scan.json()) as { raised?: unknown[]; alertsRaised?: number };
  return Array.isArray(result.raised) ? result.raised.length : (result.alertsRaised ?? 0);
}

analystPageTest("create a watchlist on /watchlists → Scan now → its alerts on /alerts, with provenance", async ({ page }) => {
  const name = `LETAIRIS watch ${Date.now()}`;
  await createWatchlistOnPage(page, name);
  const row = page.getByTestId("watchlist-row").filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row.getByTestId("watchlist-last-scan")).toHaveText("Not scanned yet");
  await row.getByRole("button", { name: "Scan now" }).click();
  await expect(row.getByTestId("scan-result")).toContainText(/Scan finished: [1-9]\d* new alerts? raised/, { timeout: 30_000 });
  await expect(row.getByTestId("watchlist-last-scan")).toContainText("alert(s) raised");

  await row.getByRole("link", { name: "Alerts" }).click();
  await expect(page).toHaveURL(/\/alerts\?watchlist=wl_/);
  const alerts = page.getByTestId("alert-row");
  await expect(alerts.first()).toBeVisible();
  await expect(alerts.first().getByTestId("alert-product")).toHaveText(PRODUCT);
  await expect(alerts.first().getByTestId("alert-state")).toHaveText("New");
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

  const raised = await scanThroughApi(`live ${Date.now()}`);
  expect(raised).toBeGreaterThan(0);
  await expect(page.getByTestId("alert-toast").first()).toBeVisible({ timeout: 2000 });
  await expect(page.getByTestId("alerts-badge")).toHaveText(new RegExp(`^${raised}\\+?$`), { timeout: 2000 });
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
  const second = await context.newPage();
  await second.goto("/alerts");
  await expect(second.getByRole("heading", { name: "Alerts" })).toBeVisible();
  await second.waitForTimeout(2500);
  expect(streams).toHaveLength(1);

  // The leader closes: the follower gets the lock and opens the stream.
  await first.close();
  await expect.poll(() => streams.length, { timeout: 5000 }).toBe(2);
  // Both tabs still hear events: an alert raised now shows on the remaining tab.
  const raised = await scanThroughApi(`takeover ${Date.now()}`);
  expect(raised).toBeGreaterThan(0);
  await expect(second.getByTestId("alert-row").first()).toHaveAttribute("data-alert-state", "new");
  await expect(second.getByTestId("alert-toast").first()).toBeVisible({ timeout: 2000 });
});

analystPageTest("an alert moves new → validated → under assessment → closed with the buttons; illegal moves are not offered", async ({ page }) => {
  await scanThroughApi(`moves ${Date.now()}`);
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
