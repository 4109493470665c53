// Server actions in real Chromium against the standalone server: the account and admin forms change state through
// actions (not the API), the role matrix over every action in the permission table, and the raw-POST
// cases Next itself gets wrong (a foreign, `null` or missing Origin; stack.md P28), an anonymous call,
// and bad input answered with the API's own message.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { PERMISSIONS } from "../../lib/auth/permissions";
import { ROUTE_PERMISSIONS, type ActionName } from "../../lib/auth/route-permissions";
import { APP_ORIGIN, AUTH_STATE_DIR, cookieHeader, readAuthState, signInForCookie, type Role } from "./auth";

/** Where each action is defined (the test cannot import it: "use server" modules are server-only). */
const ACTION_EXPORTS: Record<ActionName, { file: string; exportName: string }> = {
  "account.createToken": { file: "lib/actions/account.ts", exportName: "createPersonalTokenAction" },
  "account.revokeToken": { file: "lib/actions/account.ts", exportName: "revokePersonalTokenAction" },
  "admin.createUser": { file: "lib/actions/admin.ts", exportName: "createUserAction" },
  "admin.updateUser": { file: "lib/actions/admin.ts", exportName: "updateUserAction" },
  "admin.deleteUser": { file: "lib/actions/admin.ts", exportName: "deleteUserAction" },
  "reports.request": { file: "lib/actions/reports.ts", exportName: "requestReportAction" },
  "reports.cancelOrDelete": { file: "lib/actions/reports.ts", exportName: "cancelOrDeleteReportAction" },
  "watchlists.create": { file: "lib/actions/watchlists.ts", exportName: "createWatchlistAction" },
  "watchlists.update": { file: "lib/actions/watchlists.ts", exportName: "updateWatchlistAction" },
  "watchlists.delete": { file: "lib/actions/watchlists.ts", exportName: "deleteWatchlistAction" },
  "watchlists.scan": { file: "lib/actions/watchlists.ts", exportName: "scanWatchlistAction" },
  "alerts.move": { file: "lib/actions/alerts.ts", exportName: "moveAlertAction" },
};

/** An id that cannot exist: past authorization, then "not found", so the matrix changes nothing. */
const NO_SUCH_ID = "AAAAAAAAAAAAAAAAAAAAAA";
const HARMLESS_INPUT: Record<ActionName, unknown> = {
  "account.createToken": { name: "" },
  "account.revokeToken": { id: NO_SUCH_ID },
  "admin.createUser": {},
  "admin.updateUser": { id: NO_SUCH_ID, role: "viewer" },
  "admin.deleteUser": { id: NO_SUCH_ID },
  "reports.request": {},
  "reports.cancelOrDelete": { id: NO_SUCH_ID },
  "watchlists.create": {},
  "watchlists.update": { id: `wl_${NO_SUCH_ID}`, patch: { name: "unchanged" } },
  "watchlists.delete": { id: `wl_${NO_SUCH_ID}` },
  "watchlists.scan": { id: `wl_${NO_SUCH_ID}` },
  "alerts.move": { id: `alr_${NO_SUCH_ID}`, to: "validated" },
};

type ManifestEntry = { workers: Record<string, unknown>; filename: string; exportedName: string };

/** The action's id and a page it is registered on, from the build's server-reference manifest (stack.md §4.12). */
function actionRef(name: ActionName): { id: string; pagePath: string } {
  const manifestPath = path.join(import.meta.dirname, "../..", process.env.NEXT_DIST_DIR ?? ".next", "server/server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { node: Record<string, ManifestEntry> };
  const { file, exportName } = ACTION_EXPORTS[name];
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === file && entry.exportedName === exportName);
  if (!found) throw new Error(`${file}#${exportName} is not in the server-reference manifest`);
  const [id, entry] = found;
  // "app/account/page" → "/account": Next runs an action only on a page whose bundle has it.
  const worker = Object.keys(entry.workers).find((w) => /^app\/.*page$/.test(w)) ?? "";
  return { id, pagePath: `/${worker.replace(/^app\/?/, "").replace(/\/?page$/, "")}` };
}

type ActionResult = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };

function findResult(value: unknown): ActionResult | null {
  if (typeof value !== "object" || value === null) return null;
  if (typeof (value as { ok?: unknown }).ok === "boolean") return value as ActionResult;
  for (const inner of Object.values(value)) {
    const found = findResult(inner);
    if (found) return found;
  }
  return null;
}

/** The action's return value from Next's RSC answer (rows of `<id>:<json>`). */
function resultFrom(text: string): ActionResult {
  for (const line of text.split("\n")) {
    const row = /^[0-9a-f]+:(.*)$/.exec(line);
    if (!row?.[1]) continue;
    try {
      const found = findResult(JSON.parse(row[1]));
      if (found) return found;
    } catch {
      // not a JSON row
    }
  }
  throw new Error(`no action result in the answer: ${text.slice(0, 300)}`);
}

const ACTION_HEADERS = (id: string) => ({ "next-action": id, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8" });

/** Calls an action from inside a page, as the browser's own fetch (the browser sets Origin and cookies). */
async function callInBrowser(page: Page, name: ActionName, input: unknown): Promise<ActionResult> {
  const { id, pagePath } = actionRef(name);
  const answer = await page.evaluate(
    async ({ url, headers, body }) => {
      const response = await fetch(url, { method: "POST", headers, body });
      return { status: response.status, text: await response.text() };
    },
    { url: pagePath, headers: ACTION_HEADERS(id), body: JSON.stringify([input]) },
  );
  expect(answer.status, answer.text.slice(0, 300)).toBe(200);
  return resultFrom(answer.text);
}

/** A raw POST with headers of our choosing (no browser would send a foreign Origin for us). */
async function rawPost(request: APIRequestContext, name: ActionName, input: unknown, headers: Record<string, string>) {
  const { id, pagePath } = actionRef(name);
  return request.post(pagePath, { headers: { ...ACTION_HEADERS(id), ...headers }, data: JSON.stringify([input]), maxRedirects: 0 });
}

async function pageAs(browser: Browser, role: Role | "anonymous"): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({
    baseURL: APP_ORIGIN,
    storageState: role === "anonymous" ? undefined : path.join(AUTH_STATE_DIR, `${role}.json`),
  });
  const page = await context.newPage();
  await page.goto(role === "anonymous" ? "/signin" : "/account");
  return { page, close: () => context.close() };
}

function sessionHeaders(role: Role): Record<string, string> {
  return { cookie: cookieHeader(readAuthState().sessionCookies[role]), origin: APP_ORIGIN };
}

/** State-changing requests a page sent: server actions (by their id) and API writes. */
function recordWrites(page: Page): { actions: string[]; apiWrites: string[] } {
  const seen = { actions: [] as string[], apiWrites: [] as string[] };
  page.on("request", (request) => {
    if (request.method() === "GET") return;
    const actionId = request.headers()["next-action"];
    if (actionId) seen.actions.push(actionId);
    else if (new URL(request.url()).pathname.startsWith("/api/") && !request.url().includes("/api/auth/")) seen.apiWrites.push(`${request.method()} ${request.url()}`);
  });
  return seen;
}

async function auditFor(request: APIRequestContext, targetId: string): Promise<{ action: string; actor: { via?: string } }[]> {
  const response = await request.get(`/api/admin/audit?targetId=${encodeURIComponent(targetId)}`, { headers: sessionHeaders("admin") });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { entries: { action: string; actor: { via?: string } }[] }).entries;
}

async function userIdOf(request: APIRequestContext, email: string): Promise<string> {
  const response = await request.get("/api/admin/users", { headers: sessionHeaders("admin") });
  const { users } = (await response.json()) as { users: { id: string; email: string }[] };
  const user = users.find((u) => u.email === email);
  if (!user) throw new Error(`no user ${email}`);
  return user.id;
}

test.describe("the forms change state through server actions", () => {
  test("a personal access token is created and revoked by actions; it works as a bearer until revoked", async ({ browser, request }) => {
    const { page, close } = await pageAs(browser, "analyst");
    try {
      const writes = recordWrites(page);
      const form = page.getByRole("form", { name: "Create a personal access token" });
      await form.getByLabel("Token name").fill("actions e2e token");
      await form.getByRole("button", { name: "Create token" }).click();
      const token = await page.getByTestId("new-token").getByLabel("Your new token").inputValue();
      expect(token).toMatch(/^cer_pat_/);
      const bearer = { authorization: `Bearer ${token}` };
      expect((await request.get("/api/account/tokens", { headers: bearer })).status()).toBe(200);

      const row = page.getByTestId("tokens-table").getByRole("row", { name: /actions e2e token/ });
      const tokenId = await row.getAttribute("data-token-id");
      await row.getByRole("button", { name: "Revoke" }).click();
      await row.getByRole("button", { name: "Yes, revoke" }).click();
      await expect(row).toHaveCount(0);
      expect((await request.get("/api/account/tokens", { headers: bearer })).status()).toBe(401);

      expect(writes.actions).toEqual([actionRef("account.createToken").id, actionRef("account.revokeToken").id]);
      expect(writes.apiWrites).toEqual([]);
      const trail = await auditFor(request, tokenId ?? "");
      expect(trail.map((e) => e.action)).toEqual(["token.revoked", "token.created"]);
      expect(trail.every((e) => e.actor.via === "session")).toBe(true);
    } finally {
      await close();
    }
  });

  test("the admin creates a user, changes its role, disables it (its tokens die) and deletes it, all by actions", async ({ browser, request }) => {
    const user = { email: `actions-${Date.now()}@e2e.test`, password: "actions-user-password-1" };
    const { page, close } = await pageAs(browser, "admin");
    try {
      await page.goto("/admin");
      const writes = recordWrites(page);
      const form = page.getByRole("form", { name: "Create a user" });
      await form.getByLabel("Email", { exact: true }).fill(user.email);
      await form.getByLabel(/^Password/).fill(user.password);
      await form.getByRole("button", { name: "Create user" }).click();
      await expect(form.getByRole("status")).toHaveText(`Created ${user.email} (viewer).`);
      const row = page.getByTestId("users-table").locator(`tr[data-user-email="${user.email}"]`);
      await expect(row).toContainText("active");

      // The new user's own personal token, made through the API with its session.
      const cookie = await signInForCookie(user.email, user.password);
      const created = await request.post("/api/account/tokens", {
        headers: { cookie: cookieHeader(cookie), origin: APP_ORIGIN, "content-type": "application/json" },
        data: { name: "dies on disable" },
      });
      expect(created.status()).toBe(201);
      const { token } = (await created.json()) as { token: string };
      expect((await request.get("/api/account/tokens", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(200);

      await page.getByLabel(`Role of ${user.email}`).selectOption("analyst");
      await expect(page.getByRole("status").filter({ hasText: `${user.email} is now analyst.` })).toBeVisible();
      await row.getByRole("button", { name: `Disable ${user.email}` }).click();
      await expect(page.getByRole("status").filter({ hasText: `${user.email} is now disabled.` })).toBeVisible();
      await expect(row).toContainText("disabled");
      expect((await request.get("/api/account/tokens", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);

      const userId = await userIdOf(request, user.email);
      await row.getByRole("button", { name: "Delete" }).click();
      await row.getByRole("button", { name: "Yes, delete" }).click();
      await expect(page.getByRole("status").filter({ hasText: `Deleted ${user.email}.` })).toBeVisible();
      await expect(row).toHaveCount(0);

      const ids = ["admin.createUser", "admin.updateUser", "admin.updateUser", "admin.deleteUser"].map((n) => actionRef(n as ActionName).id);
      expect(writes.actions).toEqual(ids);
      expect(writes.apiWrites).toEqual([]);
      expect((await auditFor(request, userId)).map((e) => e.action)).toEqual(["user.deleted", "user.disabled", "user.role_changed", "user.created"]);
    } finally {
      await close();
    }
  });
});

test.describe("the role matrix over every action", () => {
  const actions = Object.entries(ROUTE_PERMISSIONS).filter(([key]) => key.startsWith("ACTION "));

  test("every action in the permission table is known to this spec", () => {
    expect(actions.map(([key]) => key.slice("ACTION ".length)).sort()).toEqual(Object.keys(ACTION_EXPORTS).sort());
  });

  for (const caller of ["anonymous", "viewer", "analyst", "admin"] as const) {
    test(`as ${caller}, in Chromium`, async ({ browser }) => {
      const { page, close } = await pageAs(browser, caller);
      try {
        for (const [key, permission] of actions) {
          const name = key.slice("ACTION ".length) as ActionName;
          const roles: readonly string[] | null = PERMISSIONS[permission];
          const expected = caller === "anonymous" ? "unauthorized" : roles === null || roles.includes(caller) ? "allowed" : "forbidden";
          const result = await callInBrowser(page, name, HARMLESS_INPUT[name]);
          expect(result.ok, `${key}: harmless input never succeeds`).toBe(false);
          if (result.ok) continue;
          if (expected === "allowed") expect(["unauthorized", "forbidden"], `${key} as ${caller}`).not.toContain(result.error.code);
          else expect(result.error.code, `${key} as ${caller}`).toBe(expected);
          if (expected === "forbidden") expect(result.error.message).toContain(`Your role (${caller}) cannot do this; it needs "${permission}".`);
        }
      } finally {
        await close();
      }
    });
  }

  // Issue #9 (Info): a role denial in the action client leaves an access.denied entry naming the action.
  test("a viewer's refused admin action is audited as access.denied", async ({ browser, request }) => {
    const { page, close } = await pageAs(browser, "viewer");
    try {
      const result = await callInBrowser(page, "admin.deleteUser", HARMLESS_INPUT["admin.deleteUser"]);
      expect(result.ok || result.error.code).toBe("forbidden");
    } finally {
      await close();
    }
    const viewerId = readAuthState().users.viewer.id;
    const response = await request.get(`/api/admin/audit?action=access.denied&actorUserId=${viewerId}`, { headers: sessionHeaders("admin") });
    expect(response.status()).toBe(200);
    const { entries } = (await response.json()) as { entries: { outcome: string; details?: Record<string, unknown> }[] };
    expect(entries[0]).toMatchObject({ outcome: "denied", details: { route: "ACTION admin.deleteUser", permission: "users:manage", role: "viewer" } });
  });
});

test.describe("raw posts", () => {
  async function expectForbidden(response: Awaited<ReturnType<typeof rawPost>>, message: RegExp): Promise<void> {
    expect(response.status()).toBe(403);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect(response.headers()["cache-control"]).toContain("no-store");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["x-frame-options"]).toBe("DENY");
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(Object.keys(body)).toEqual(["error"]);
    expect(body.error.code).toBe("forbidden");
    expect(body.error.message).toMatch(message);
  }

  async function viewerTokenNames(request: APIRequestContext): Promise<string[]> {
    const response = await request.get("/api/account/tokens", { headers: sessionHeaders("viewer") });
    return ((await response.json()) as { tokens: { name: string }[] }).tokens.map((t) => t.name);
  }

  const cookie = () => ({ cookie: cookieHeader(readAuthState().sessionCookies.viewer) });

  test("a foreign Origin is refused with 403 and the error body, and the action does not run", async ({ request }) => {
    await expectForbidden(await rawPost(request, "account.createToken", { name: "foreign origin" }, { ...cookie(), origin: "http://evil.example" }), /Origin is not this site/);
    // Next compares Origin with X-Forwarded-Host when present (P28); we never do.
    await expectForbidden(
      await rawPost(request, "account.createToken", { name: "forwarded host" }, { ...cookie(), origin: "http://evil.example", "x-forwarded-host": "evil.example" }),
      /Origin is not this site/,
    );
    expect(await viewerTokenNames(request)).not.toEqual(expect.arrayContaining(["foreign origin"]));
    expect(await viewerTokenNames(request)).not.toEqual(expect.arrayContaining(["forwarded host"]));
  });

  test("Origin: null is refused with 403", async ({ request }) => {
    await expectForbidden(await rawPost(request, "account.createToken", { name: "null origin" }, { ...cookie(), origin: "null" }), /Origin null/);
    expect(await viewerTokenNames(request)).not.toEqual(expect.arrayContaining(["null origin"]));
  });

  test("no Origin at all is refused with 403 (Next alone would run the action)", async ({ request }) => {
    await expectForbidden(await rawPost(request, "account.createToken", { name: "no origin" }, cookie()), /needs this site's Origin/);
    expect(await viewerTokenNames(request)).not.toEqual(expect.arrayContaining(["no origin"]));
  });

  test("a same-origin call without a session cookie is refused as unauthorized", async ({ playwright }) => {
    const anonymous = await playwright.request.newContext({ baseURL: APP_ORIGIN });
    try {
      const response = await rawPost(anonymous, "account.createToken", { name: "anonymous" }, { origin: APP_ORIGIN });
      expect(response.status()).toBe(200);
      const result = resultFrom(await response.text());
      expect(result).toEqual({ ok: false, error: { code: "unauthorized", message: expect.stringContaining("Sign in") } });
    } finally {
      await anonymous.dispose();
    }
  });

  test("bad input gives invalid_input with the message the API gives for the same body", async ({ request }) => {
    const cases: { action: ActionName; input: Record<string, unknown>; api: { method: "POST" | "PATCH"; path: string; body: Record<string, unknown> }; role: Role }[] = [
      {
        action: "account.createToken",
        input: { name: "bad/name!", expiresInDays: 0 },
        api: { method: "POST", path: "/api/account/tokens", body: { name: "bad/name!", expiresInDays: 0 } },
        role: "viewer",
      },
      {
        action: "admin.createUser",
        input: { email: "not-an-email", password: "short", role: "boss", extra: 1 },
        api: { method: "POST", path: "/api/admin/users", body: { email: "not-an-email", password: "short", role: "boss", extra: 1 } },
        role: "admin",
      },
      {
        action: "admin.updateUser",
        input: { id: NO_SUCH_ID },
        api: { method: "PATCH", path: `/api/admin/users/${NO_SUCH_ID}`, body: {} },
        role: "admin",
      },
      {
        action: "admin.updateUser",
        input: { id: NO_SUCH_ID, role: "boss", disabled: "yes" },
        api: { method: "PATCH", path: `/api/admin/users/${NO_SUCH_ID}`, body: { role: "boss", disabled: "yes" } },
        role: "admin",
      },
    ];
    for (const { action, input, api, role } of cases) {
      const response = await rawPost(request, action, input, sessionHeaders(role));
      const result = resultFrom(await response.text());
      const fromApi = await request.fetch(api.path, {
        method: api.method,
        headers: { ...sessionHeaders(role), "content-type": "application/json" },
        data: JSON.stringify(api.body),
      });
      expect(fromApi.status()).toBe(400);
      const { error } = (await fromApi.json()) as { error: { code: string; message: string } };
      expect(result, action).toEqual({ ok: false, error: { code: "invalid_input", message: error.message } });
    }
  });
});
