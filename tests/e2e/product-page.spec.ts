import { expect } from "@playwright/test";
import { addFault, clearFaults, viewerTest as test, reportsNaming } from "./fixtures";

test.afterEach(async () => {
  await clearFaults();
});

test("the product page shows the report count, trend, top reactions and breakdowns from openFDA", async ({ page }) => {
  const letairis = reportsNaming("LETAIRIS");
  const female = letairis.filter((r) => r.patient?.patientsex === "2").length;
  const reportsWithPt = (pt: string) => letairis.filter((r) => r.patient?.reaction?.some((x) => x.reactionmeddrapt?.toUpperCase() === pt)).length;

  await page.goto("/products/drug/letairis");
  await expect(page.getByTestId("product-name")).toHaveText("LETAIRIS");
  await expect(page.getByTestId("total-reports")).toHaveText(String(letairis.length));
  await expect(page.getByTestId("fda-caveat")).toContainText("causal relationship cannot be established");

  // One bar per month from 2004-01; the chart draws the non-zero ones.
  await expect(page.locator('[data-testid="trend-chart"] .recharts-bar-rectangle').first()).toBeVisible();

  const reactions = page.getByTestId("reactions-table");
  await expect(reactions.locator("tbody tr").first()).toBeVisible();
  const rows = await reactions.locator("tbody tr").all();
  expect(rows.length).toBeGreaterThan(3);
  for (const row of rows.slice(0, 5)) {
    const [term, count] = await row.locator("td").allInnerTexts();
    expect(Number(count)).toBe(reportsWithPt(term ?? ""));
    expect(Number(count)).toBeGreaterThan(0);
  }

  const sex = page.getByTestId("breakdown-sex");
  await expect(sex.locator('tr[data-key="female"] [data-testid="breakdown-count"]')).toHaveText(String(female));

  const provenance = page.getByTestId("provenance").first();
  await provenance.locator("summary").click();
  await expect(provenance).toContainText("/drug/event.json?search=");
  await expect(provenance).toContainText("2025-04-28");
  expect(await page.content()).not.toContain("e2e-key-must-not-leak");
});

test("date range and interval controls update the URL and the counts", async ({ page }) => {
  const letairis = reportsNaming("LETAIRIS");
  const inFebruary = letairis.filter((r) => r.receivedate >= "20140201" && r.receivedate <= "20140228").length;
  await page.goto("/products/drug/LETAIRIS");
  // Interact once the page has hydrated and loaded its data.
  await expect(page.getByTestId("total-reports")).toHaveText(String(letairis.length));
  await page.getByLabel("From (received)").fill("2014-02-01");
  await page.getByLabel("To (received)").fill("2014-02-28");
  await page.getByLabel("Interval", { exact: true }).selectOption("quarter");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/from=2014-02-01&to=2014-02-28&interval=quarter/);
  await expect(page.getByTestId("total-reports")).toHaveText(String(inFebruary));
  await expect(page.getByRole("heading", { name: "Reports per quarter" })).toBeVisible();
});

test("an unknown product shows the empty state, not an error", async ({ page }) => {
  await page.goto("/products/drug/NO%20SUCH%20DRUG%20ZZZ");
  await expect(page.locator('[data-state="empty"]').first()).toContainText("No reports match NO SUCH DRUG ZZZ");
  await expect(page.getByTestId("total-reports")).toHaveText("0");
});

test("openFDA being down shows an error state with an actionable message", async ({ page }) => {
  await addFault({ match: "UNAVAILABLE-DRUG", status: 503 });
  await page.goto("/products/drug/UNAVAILABLE-DRUG");
  // The server retries openFDA with backoff and the page retries once, so allow for both.
  await expect(page.getByRole("alert").first()).toContainText("openFDA is unavailable", { timeout: 20_000 });
});

test("a device product code page counts MAUDE reports", async ({ page }) => {
  await page.goto("/products/product-code/LOD?from=2017-01-01&to=2017-12-31");
  // maude_bone_cement_2017.csv README: 535 reports; Malfunction 341, Injury 182, Death 11.
  await expect(page.getByTestId("total-reports")).toHaveText("535");
  const eventType = page.getByTestId("breakdown-event_type");
  await expect(eventType.locator('tr[data-key="Malfunction"] [data-testid="breakdown-count"]')).toHaveText("341");
  await expect(page.getByTestId("fda-caveat")).toContainText("MDR data alone cannot be used");
});

test("the home page search leads to the product page", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("textbox").fill("ambrisentan");
  await page.getByRole("button", { name: "Look up" }).click();
  await expect(page).toHaveURL(/\/products\/drug\/ambrisentan$/);
  await expect(page.getByTestId("total-reports")).toHaveText(String(reportsNaming("AMBRISENTAN").length));
  await expect(page.getByTestId("source-badge")).toContainText("cache: memory");
});
