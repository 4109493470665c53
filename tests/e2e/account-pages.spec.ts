// Sign-in, account and admin pages in a real browser: redirects, the credentials form, personal access
// tokens (shown once, usable as a bearer, revocable), user admin with its audit trail, roles, sign-out.
// Every page is watched for CSP violations, console errors and uncaught exceptions.
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { ADMIN, APP_ORIGIN as BASE_URL, SESSION_COOKIE } from "./auth";

// Own addresses: global setup may already have made viewer@ and analyst@e2e.test.
const PROMOTED = { email: "pages-promoted@e2e.test", password: "pages-promoted-password-1" };
const VIEWER = { email: "pages-viewer@e2e.test", password: "pages-viewer-password-1" };

type Watch = { problems: string[]; allow: RegExp[] };

/** Collects CSP violations (from an init-script listener), console errors and page errors of a context. */
async function watchContext(context: BrowserContext): Promise<Watch> {
  const watch: Watch = { problems: [], allow: [] };
  await context.exposeBinding("__e2eCspViolation", (_source, text: string) => {
    watch.problems.push(`CSP violation: ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __e2eCspViolation: (text: string) => Promise<void> }).__e2eCspViolation;
      void report(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  context.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    if (!watch.allow.some((pattern) => pattern.test(text))) watch.problems.push(`console error on ${message.page()?.url()}: ${text}`);
  });
  context.on("weberror", (error) => watch.problems.push(`uncaught: ${error.error().message}`));
  return watch;
}

async function newWatchedContext(browser: Browser): Promise<{ context: BrowserContext; page: Page; watch: Watch }> {
  const context = await browser.newContext({ baseURL: BASE_URL });
  const watch = await watchContext(context);
  return { context, page: await context.newPage(), watch };
}

/** Fills and submits the sign-in form of the page already open (after any redirect to it). */
async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function sessionCookie(context: BrowserContext) {
  return (await context.cookies(BASE_URL)).find((cookie) => cookie.name === SESSION_COOKIE);
}

/** An error shown with role="alert" (Next's route announcer is an alert too, so match by text). */
function alertWith(page: Page, text: string | RegExp) {
  return page.getByRole("alert").filter({ hasText: text });
}

function expectClean(watch: Watch): void {
  expect(watch.problems, "CSP violations, console errors or page errors").toEqual([]);
}

test.describe.configure({ mode: "serial" });

let admin: { context: BrowserContext; page: Page; watch: Watch };

test.beforeAll(async ({ browser }) => {
  admin = await newWatchedContext(browser);
});

test.afterEach(() => {
  // The shared admin browser is checked after every test, then starts the next one clean.
  try {
    expectClean(admin.watch);
  } finally {
    admin.watch.problems.length = 0;
    admin.watch.allow.length = 0;
  }
});

test.afterAll(async () => {
  await admin.context.close();
});

test("the CSP listener reports a blocked inline style (so an empty list means something)", async () => {
  const { page, watch } = admin;
  await page.goto("/signin");
  await page.evaluate(() => document.body.setAttribute("style", "color: red"));
  await expect.poll(() => watch.problems.some((problem) => problem.startsWith("CSP violation: style-src"))).toBe(true);
  watch.problems.length = 0;
});

test("an anonymous visit to /account goes to sign-in with the way back, and the header shows no user", async () => {
  const { page } = admin;
  await page.goto("/account");
  await expect(page).toHaveURL(`${BASE_URL}/signin?callbackUrl=%2Faccount`);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Account" })).toHaveCount(0);
  // OIDC is not configured for the e2e server.
  await expect(page.getByRole("button", { name: "Sign in with single sign-on" })).toHaveCount(0);
});

test("a wrong password shows an error and sets no session cookie", async () => {
  const { page, context } = admin;
  await page.goto("/signin?callbackUrl=%2Faccount");
  await submitSignIn(page, ADMIN.email, "not-the-password-at-all");
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong email or password, or the account is disabled.");
  await expect(alertWith(page, "Wrong email or password")).toBeVisible();
  await expect(page).toHaveURL(`${BASE_URL}/signin?callbackUrl=%2Faccount`);
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  expect(await sessionCookie(context)).toBeUndefined();
});

test("the form explains a 429 with its wait time and a 503 as unavailable", async () => {
  const { page, watch } = admin;
  // The answers of our route (not next-auth's), stubbed so the message does not depend on the server's limits.
  watch.allow.push(/Failed to load resource: the server responded with a status of (429|503)/);
  let status = 429;
  await page.route("**/api/auth/callback/credentials", (route) =>
    route.fulfill({
      status,
      headers: { "content-type": "application/json", "retry-after": status === 429 ? "42" : "5" },
      body: JSON.stringify({ error: { code: status === 429 ? "rate_limited" : "service_unavailable", message: "x", details: {} } }),
    }),
  );
  try {
    await page.goto("/signin");
    await submitSignIn(page, "someone@e2e.test", "whatever-password");
    await expect(page.getByTestId("sign-in-error")).toHaveText("Too many attempts; try again in 42 s.");
    status = 503;
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(alertWith(page, "Sign-in is unavailable right now")).toBeVisible();
  } finally {
    await page.unroute("**/api/auth/callback/credentials");
  }
  expect(await sessionCookie(admin.context)).toBeUndefined();
});

test("an error code on the URL (next-auth's redirect) is shown", async () => {
  const { page } = admin;
  await page.goto("/signin?error=OAuthCallbackError");
  await expect(alertWith(page, "Single sign-on did not complete")).toBeVisible();
});

test("the admin signs in and lands on the callbackUrl; the header shows who and the admin links", async () => {
  const { page, context } = admin;
  await page.goto("/account");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccount$/);
  await submitSignIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(`${BASE_URL}/account`);
  await expect(page.getByTestId("account-email")).toHaveText(ADMIN.email);
  await expect(page.getByTestId("account-role")).toHaveText("admin");
  const menu = page.getByRole("navigation", { name: "Account" });
  await expect(menu.getByTestId("user-menu-identity")).toHaveText(`${ADMIN.email} admin`);
  await expect(menu.getByRole("link", { name: "Account" })).toHaveAttribute("href", "/account");
  await expect(menu.getByRole("link", { name: "Admin" })).toHaveAttribute("href", "/admin");
  await expect(menu.getByRole("button", { name: "Sign out" })).toBeVisible();
  const cookie = await sessionCookie(context);
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.secure).toBe(true);

  // Signed in, /signin sends you home whatever the callbackUrl says.
  await page.goto("/signin?callbackUrl=%2F%2Fevil.example%2F");
  await expect(page).toHaveURL(`${BASE_URL}/`);
});

test("a personal access token is shown once, listed, works as a bearer without cookies, and dies when revoked", async ({ playwright }) => {
  const { page, context } = admin;
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE_URL });
  await page.goto("/account");
  await expect(page.getByTestId("curl-hint")).toContainText(`curl -H 'Authorization: Bearer <token>' '${BASE_URL}/api/faers/trend?drug=`);
  await expect(page.getByText("You have no personal access tokens.")).toBeVisible();

  const form = page.getByRole("form", { name: "Create a personal access token" });
  await expect(form.getByLabel("Expires in (days)")).toHaveValue("30");
  await form.getByLabel("Token name").fill("e2e pages token");
  await form.getByRole("button", { name: "Create token" }).click();

  const notice = page.getByTestId("new-token");
  await expect(notice).toContainText("shown once");
  const field = notice.getByLabel("Your new token");
  await expect(field).toHaveAttribute("readonly", "");
  const token = await field.inputValue();
  expect(token).toMatch(/^cer_pat_[A-Za-z0-9_-]{20,}$/);
  await notice.getByRole("button", { name: "Copy" }).click();
  await expect(notice.getByRole("status")).toHaveText("Copied to the clipboard.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

  const row = page.getByTestId("tokens-table").getByRole("row", { name: /e2e pages token/ });
  await expect(row).toContainText(`${token.slice(0, 12)}…`);
  // 30 days from now by default.
  const expires = await row.getByTestId("token-expires").locator("time").getAttribute("datetime");
  expect(Date.parse(expires ?? "") - Date.now()).toBeGreaterThan(29.9 * 24 * 3600 * 1000);
  expect(Date.parse(expires ?? "") - Date.now()).toBeLessThan(30.1 * 24 * 3600 * 1000);

  // The token, alone, against the API: a request context with no cookies.
  const api = await playwright.request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  try {
    expect((await api.storageState()).cookies).toEqual([]);
    const listed = await api.get("/api/account/tokens");
    expect(listed.status()).toBe(200);
    const body = (await listed.json()) as { tokens: { name: string; prefix: string }[] };
    expect(body.tokens.map((t) => t.name)).toContain("e2e pages token");
    expect(JSON.stringify(body)).not.toContain(token);

    // Shown once: after a reload the page has only the prefix.
    await page.reload();
    await expect(page.getByTestId("tokens-table")).toContainText("e2e pages token");
    await expect(page.getByTestId("new-token")).toHaveCount(0);
    expect(await page.content()).not.toContain(token);

    const reloadedRow = page.getByTestId("tokens-table").getByRole("row", { name: /e2e pages token/ });
    await reloadedRow.getByRole("button", { name: "Revoke" }).click();
    await reloadedRow.getByRole("button", { name: "Yes, revoke" }).click();
    await expect(page.getByText("You have no personal access tokens.")).toBeVisible();

    const afterRevoke = await api.get("/api/account/tokens");
    expect(afterRevoke.status()).toBe(401);
    expect(((await afterRevoke.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  } finally {
    await api.dispose();
  }
});

test("a token that never expires says so", async () => {
  const { page } = admin;
  await page.goto("/account");
  const form = page.getByRole("form", { name: "Create a personal access token" });
  await form.getByLabel("Token name").fill("e2e forever");
  await form.getByLabel("Never expires").check();
  await expect(form.getByLabel("Expires in (days)")).toBeDisabled();
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("new-token")).toBeVisible();
  const row = page.getByTestId("tokens-table").getByRole("row", { name: /e2e forever/ });
  await expect(row.getByTestId("token-expires")).toHaveText("never");
  await row.getByRole("button", { name: "Revoke" }).click();
  await row.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(row).toHaveCount(0);
});

test("the admin cannot demote the last active admin: the 409 is shown and the role stays", async () => {
  const { page, watch } = admin;
  watch.allow.push(/Failed to load resource: the server responded with a status of 409/);
  await page.goto("/admin");
  const ownRole = page.getByLabel(`Role of ${ADMIN.email}`);
  await expect(ownRole).toHaveValue("admin");
  await ownRole.selectOption("viewer");
  await expect(alertWith(page, `Could not change ${ADMIN.email}: This is the last active admin`)).toBeVisible();
  await expect(ownRole).toHaveValue("admin");
});

test("the admin creates a viewer, promotes them to analyst, and both changes are in the audit log", async () => {
  const { page } = admin;
  await page.goto("/admin");
  const form = page.getByRole("form", { name: "Create a user" });
  for (const user of [PROMOTED, VIEWER]) {
    await form.getByLabel("Email", { exact: true }).fill(user.email);
    await form.getByLabel(/^Password/).fill(user.password);
    await expect(form.getByLabel("Role", { exact: true })).toHaveValue("viewer");
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(form.getByRole("status")).toHaveText(`Created ${user.email} (viewer).`);
  }

  const users = page.getByTestId("users-table");
  await expect(users.locator(`tr[data-user-email="${PROMOTED.email}"]`)).toContainText("active");
  const role = page.getByLabel(`Role of ${PROMOTED.email}`);
  await expect(role).toHaveValue("viewer");
  await role.selectOption("analyst");
  await expect(page.getByRole("status").filter({ hasText: `${PROMOTED.email} is now analyst.` })).toBeVisible();
  await expect(role).toHaveValue("analyst");

  const audit = page.getByTestId("audit-table");
  const created = audit.locator('tr[data-audit-action="user.created"]', { hasText: PROMOTED.email });
  const changed = audit.locator('tr[data-audit-action="user.role_changed"]', { hasText: PROMOTED.email });
  await expect(created).toHaveCount(1);
  await expect(created).toContainText(ADMIN.email);
  await expect(created).toContainText("role=viewer");
  await expect(changed).toHaveCount(1);
  await expect(changed).toContainText("from=viewer, to=analyst");
  await expect(changed).toContainText("success");
  // Newest first: the role change is above its user's creation.
  const actions = await audit.locator("tbody tr").evaluateAll((rows) => rows.map((row) => `${row.getAttribute("data-audit-action")} ${row.textContent}`));
  const changedAt = actions.findIndex((a) => a.startsWith("user.role_changed") && a.includes("pages-promoted"));
  const createdAt = actions.findIndex((a) => a.startsWith("user.created") && a.includes("pages-promoted"));
  expect(changedAt).toBeGreaterThanOrEqual(0);
  expect(changedAt).toBeLessThan(createdAt);

  // Filtering by action asks the server for just those entries.
  await page.getByLabel("Action", { exact: true }).selectOption("user.role_changed");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(audit.locator("tbody tr").first()).toHaveAttribute("data-audit-action", "user.role_changed");
  await expect(audit.locator('tbody tr:not([data-audit-action="user.role_changed"])')).toHaveCount(0);
});

test("a viewer signs in (its own browser), never leaves the site for a foreign callbackUrl, and is refused /admin", async ({ browser }) => {
  const viewer = await newWatchedContext(browser);
  try {
    await viewer.page.goto("/signin?callbackUrl=%2F%2Fevil.example%2Fadmin");
    await submitSignIn(viewer.page, VIEWER.email, VIEWER.password);
    await expect(viewer.page).toHaveURL(`${BASE_URL}/`);
    const menu = viewer.page.getByRole("navigation", { name: "Account" });
    await expect(menu.getByTestId("user-menu-identity")).toHaveText(`${VIEWER.email} viewer`);
    await expect(menu.getByRole("link", { name: "Admin" })).toHaveCount(0);

    await viewer.page.goto("/admin");
    await expect(alertWith(viewer.page, 'Your role (viewer) cannot open this page; it needs "users:manage"')).toBeVisible();
    await expect(viewer.page.getByTestId("users-table")).toHaveCount(0);

    await viewer.page.goto("/account");
    await expect(viewer.page.getByTestId("account-role")).toHaveText("viewer");
    expectClean(viewer.watch);
  } finally {
    await viewer.context.close();
  }
});

test("sign out ends the session: /account redirects to sign-in again, and the old cookie is dead", async ({ browser }) => {
  const { page, context } = admin;
  await page.goto("/account");
  const before = await sessionCookie(context);
  expect(before).toBeDefined();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${BASE_URL}/signin`);
  expect(await sessionCookie(context)).toBeUndefined();
  await page.goto("/account");
  await expect(page).toHaveURL(`${BASE_URL}/signin?callbackUrl=%2Faccount`);

  // The server ended the session itself: replaying the old cookie does not sign anyone in.
  const replay = await browser.newContext({ baseURL: BASE_URL });
  try {
    if (before) await replay.addCookies([before]);
    const replayPage = await replay.newPage();
    await replayPage.goto("/account");
    await expect(replayPage).toHaveURL(`${BASE_URL}/signin?callbackUrl=%2Faccount`);
  } finally {
    await replay.close();
  }
});
