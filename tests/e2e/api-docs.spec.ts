import { expect, test, type Page } from "@playwright/test";
import { APP_ORIGIN, readAuthState } from "./auth";
import { viewerTest } from "./fixtures";
import { expectMatchesDocument } from "./openapi-contract";

// The API document and its Swagger UI page: public, bundled (no CDN), working under the page CSP,
// with "Try it out" against this origin.

type ErrorBody = { error: { code: string; message: string } };

/** CSP violations and console errors from the moment the page starts. */
async function watchPage(page: Page): Promise<{ violations: string[]; errors: string[]; foreignRequests: string[] }> {
  const seen = { violations: [] as string[], errors: [] as string[], foreignRequests: [] as string[] };
  await page.exposeFunction("__reportViolation", (text: string) => seen.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __reportViolation: (t: string) => void }).__reportViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  page.on("console", (message) => {
    if (message.type() === "error") seen.errors.push(message.text());
  });
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (/^https?:$/.test(url.protocol) && url.origin !== APP_ORIGIN) seen.foreignRequests.push(request.url());
  });
  return seen;
}

test("GET /api/openapi.json is public, cacheable, OpenAPI 3.1, and describes itself", async ({ request }) => {
  const response = await request.get("/api/openapi.json");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toMatch(/^public, max-age=\d+/);
  const document = (await expectMatchesDocument(response, "GET /api/openapi.json")) as { openapi: string; paths: Record<string, unknown> };
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.paths)).toContain("/api/faers/trend");
});

test("/docs renders Swagger UI from the app's own files with no CSP violation", async ({ page }) => {
  const seen = await watchPage(page);
  await page.goto("/docs");
  const operations = page.locator(".swagger-ui .opblock");
  await expect(operations.first()).toBeVisible({ timeout: 30_000 });
  expect(await operations.count()).toBeGreaterThan(40);
  await expect(page.locator('.opblock-summary-path[data-path="/api/faers/trend"]')).toBeVisible();
  await expect(page.locator('.opblock-summary-path[data-path="/api/reports/{id}/pdf"]')).toBeVisible();
  // Expanding an operation renders its parameters, schemas and examples (where 3.1 used to break: stack.md P30).
  await page.locator('.opblock-summary-path[data-path="/api/faers/trend"]').click();
  await expect(page.locator(".opblock.is-open .parameters")).toContainText("interval");
  await expect(page.locator(".opblock.is-open .responses-wrapper")).toContainText("provenance");
  expect(seen.violations).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(seen.foreignRequests).toEqual([]);
});

viewerTest("'Try it out' calls this origin with the signed-in session", async ({ page }) => {
  const seen = await watchPage(page);
  await page.goto("/docs#/Product%20analytics/getFaersTrend");
  const operation = page.locator(".opblock.is-open");
  await expect(operation).toBeVisible({ timeout: 30_000 });
  await operation.getByRole("button", { name: "Try it out" }).click();
  await operation.locator('tr[data-param-name="drug"] input').fill("LETAIRIS");
  await operation.locator('tr[data-param-name="interval"] select').selectOption("year");
  const [answer] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === "/api/faers/trend"),
    operation.getByRole("button", { name: "Execute" }).click(),
  ]);
  expect(answer.status()).toBe(200);
  await expect(operation.locator(".live-responses-table tbody .response-col_status").first()).toHaveText("200");
  await expect(operation.locator(".live-responses-table")).toContainText("provenance");
  expect(seen.violations).toEqual([]);
});

test("'Try it out' with a pasted personal access token (no session)", async ({ page }) => {
  await page.goto("/docs#/Product%20analytics/getFaersTrend");
  await expect(page.locator(".opblock.is-open")).toBeVisible({ timeout: 30_000 });
  await page.locator(".scheme-container .authorize").click();
  const scheme = page.locator(".auth-container").filter({ hasText: "personalToken" });
  await scheme.locator("input").fill(readAuthState().analystPat);
  await scheme.getByRole("button", { name: "Apply credentials" }).click();
  await scheme.getByRole("button", { name: "Close" }).click();
  const operation = page.locator(".opblock.is-open");
  await operation.getByRole("button", { name: "Try it out" }).click();
  await operation.locator('tr[data-param-name="drug"] input').fill("LETAIRIS");
  const [answer] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === "/api/faers/trend"),
    operation.getByRole("button", { name: "Execute" }).click(),
  ]);
  expect(answer.request().headers()["authorization"]).toBe(`Bearer ${readAuthState().analystPat}`);
  expect(answer.status()).toBe(200);
});

test("the docs assets are an allow-list: the two Swagger UI files, anything else a JSON 404", async ({ request }) => {
  const script = await request.get("/docs/assets/swagger-ui-bundle.js");
  expect(script.status()).toBe(200);
  expect(script.headers()["content-type"]).toContain("text/javascript");
  expect((await request.get("/docs/assets/swagger-ui.css")).headers()["content-type"]).toContain("text/css");
  expect((await request.get("/docs/assets/swagger-ui.css", { headers: { "if-none-match": script.headers()["etag"]! } })).status()).toBe(304);
  // Files that exist in swagger-ui-dist but are not served, and ones that do not exist.
  for (const name of ["index.html", "swagger-ui-bundle.js.map", "package.json", "..%2Fpackage.json", "nope.js"]) {
    const response = await request.get(`/docs/assets/${name}`);
    expect(response.status(), name).toBe(404);
    expect(((await response.json()) as ErrorBody).error.code, name).toBe("not_found");
  }
});
