// Who may call what, over real HTTP against the standalone server: the role matrix over every route in the
// permission table, pages included, and ownership (another user's token is a 404). The table's server
// actions have their own matrix in server-actions.spec.ts.
import { expect, test } from "@playwright/test";
import { PERMISSIONS } from "../../lib/auth/permissions";
import { ROUTE_PERMISSIONS } from "../../lib/auth/route-permissions";
import { APP_ORIGIN, cookieHeader, readAuthState, type Role } from "./auth";

type Caller = "anonymous" | Role | "analyst-pat";
const CALLERS: Caller[] = ["anonymous", "viewer", "analyst", "admin", "analyst-pat"];

function headersFor(caller: Caller): Record<string, string> {
  const state = readAuthState();
  if (caller === "anonymous") return {};
  if (caller === "analyst-pat") return { authorization: `Bearer ${state.analystPat}` };
  // Browsers send Origin on state-changing requests; the matrix is about roles, not CSRF.
  return { cookie: cookieHeader(state.sessionCookies[caller]), origin: APP_ORIGIN };
}

function roleOf(caller: Caller): Role | null {
  return caller === "anonymous" ? null : caller === "analyst-pat" ? "analyst" : caller;
}

/** A concrete URL for a table path: path parameters get ids that cannot exist. */
function concrete(urlPath: string): string {
  return urlPath
    .replace("[...nextauth]", "session")
    .replace("[...path]", "no-such-route")
    .replace("[type]", "drug")
    .replace("[name]", "ASPIRIN")
    .replace("[id]", "AAAAAAAAAAAAAAAAAAAAAA");
}

// Harmless input: enough to get past authorization, never enough to change anything.
const QUERY: Record<string, string> = {
  "/api/faers/trend": "?drug=LETAIRIS",
  "/api/faers/reactions": "?drug=LETAIRIS",
  "/api/faers/summary": "?drug=LETAIRIS",
  "/api/faers/cases": "?drug=LETAIRIS",
  "/api/faers/forecast": "?drug=LETAIRIS",
  "/api/faers/anomalies": "?drug=LETAIRIS",
  "/api/faers/signals": "?drug=LETAIRIS",
};

const apiRoutes = Object.entries(ROUTE_PERMISSIONS).filter(([key]) => !key.startsWith("PAGE ") && !key.startsWith("ACTION "));

for (const [key, permission] of apiRoutes) {
  const [method, urlPath] = key.split(" ") as [string, string];
  for (const caller of CALLERS) {
    const roles: readonly string[] | null = PERMISSIONS[permission];
    const role = roleOf(caller);
    const expected = roles === null ? "allowed" : role === null ? 401 : roles.includes(role) ? "allowed" : 403;
    test(`${key} as ${caller} → ${expected}`, async ({ request }) => {
      const url = concrete(urlPath) + (QUERY[urlPath] ?? "");
      if (urlPath === "/api/alerts/stream") {
        // An event stream never ends: read the status and headers, then hang up.
        const hangUp = new AbortController();
        const response = await fetch(`${APP_ORIGIN}${url}`, { headers: headersFor(caller), signal: hangUp.signal });
        if (expected === "allowed") {
          expect(response.status).toBe(200);
          expect(response.headers.get("content-type")).toContain("text/event-stream");
        } else {
          expect(response.status).toBe(expected);
          expect(((await response.json()) as { error: { code: string } }).error.code).toBe(expected === 401 ? "unauthorized" : "forbidden");
        }
        hangUp.abort();
        return;
      }
      const response = await request.fetch(url, {
        method,
        headers: { ...headersFor(caller), ...(method === "GET" ? {} : { "content-type": "application/json" }) },
        data: method === "GET" || method === "DELETE" ? undefined : "{}",
        maxRedirects: 0,
      });
      const status = response.status();
      if (expected === "allowed") {
        expect([401, 403]).not.toContain(status);
        expect(status).toBeLessThan(500);
      } else {
        expect(status).toBe(expected);
        const body = (await response.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe(expected === 401 ? "unauthorized" : "forbidden");
        expect(response.headers()["cache-control"]).toContain("no-store");
      }
    });
  }
}

const pageRoutes = Object.entries(ROUTE_PERMISSIONS).filter(([key]) => key.startsWith("PAGE "));

for (const [key, permission] of pageRoutes) {
  const urlPath = concrete(key.slice("PAGE ".length));
  for (const caller of ["anonymous", "viewer", "admin"] as const) {
    const roles: readonly string[] | null = PERMISSIONS[permission];
    test(`${key} as ${caller}`, async ({ request }) => {
      const response = await request.get(urlPath, { headers: headersFor(caller), maxRedirects: 0 });
      const html = response.status() === 200 ? await response.text() : "";
      if (roles === null) {
        // Public: served (the sign-in page sends signed-in users home).
        expect([200, 307]).toContain(response.status());
      } else if (caller === "anonymous") {
        expect(response.status()).toBe(307);
        expect(response.headers().location).toBe(`/signin?callbackUrl=${encodeURIComponent(urlPath)}`);
      } else if (roles.includes(caller)) {
        expect(response.status()).toBe(200);
        expect(html).not.toContain("cannot open this page");
      } else {
        expect(response.status()).toBe(200);
        expect(html).toContain("cannot open this page");
      }
    });
  }
}

test.describe("ownership", () => {
  async function createToken(caller: Role, name: string): Promise<{ id: string; token: string }> {
    const response = await fetch(`${APP_ORIGIN}/api/account/tokens`, {
      method: "POST",
      headers: { ...headersFor(caller), "content-type": "application/json" },
      body: JSON.stringify({ name }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; token: string };
  }

  test("another user's token is 404 to its non-owners, and the owner's list never shows it to them", async () => {
    const analystToken = await createToken("analyst", "idor target");
    for (const caller of ["viewer", "anonymous"] as const) {
      const response = await fetch(`${APP_ORIGIN}/api/account/tokens/${analystToken.id}`, { method: "DELETE", headers: headersFor(caller) });
      expect(response.status).toBe(caller === "anonymous" ? 401 : 404);
    }
    // A viewer's bearer token cannot reach it either.
    const viewerPat = await createToken("viewer", "viewer pat");
    const asViewerPat = await fetch(`${APP_ORIGIN}/api/account/tokens/${analystToken.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${viewerPat.token}` },
    });
    expect(asViewerPat.status).toBe(404);
    const viewerList = (await (await fetch(`${APP_ORIGIN}/api/account/tokens`, { headers: headersFor("viewer") })).json()) as { tokens: { id: string }[] };
    expect(viewerList.tokens.map((t) => t.id)).not.toContain(analystToken.id);
    // Still alive: the analyst's token works.
    const stillWorks = await fetch(`${APP_ORIGIN}/api/account/tokens`, { headers: { authorization: `Bearer ${analystToken.token}` } });
    expect(stillWorks.status).toBe(200);
    // The admin may revoke it; then it stops working on the very next request.
    const byAdmin = await fetch(`${APP_ORIGIN}/api/account/tokens/${analystToken.id}`, { method: "DELETE", headers: headersFor("admin") });
    expect(byAdmin.status).toBe(200);
    const afterRevoke = await fetch(`${APP_ORIGIN}/api/account/tokens`, { headers: { authorization: `Bearer ${analystToken.token}` } });
    expect(afterRevoke.status).toBe(401);
  });

  test("guessed and malformed token ids are 404, never 500", async () => {
    for (const id of ["AAAAAAAAAAAAAAAAAAAAAA", "1", "..%2F..%2Fadmin", "x".repeat(300), "%00"]) {
      const response = await fetch(`${APP_ORIGIN}/api/account/tokens/${id}`, { method: "DELETE", headers: headersFor("analyst") });
      expect(response.status, id).toBe(404);
    }
  });

  test("a role change takes effect on the next request, without signing in again", async () => {
    const state = readAuthState();
    const admin = headersFor("admin");
    const patch = (role: Role) =>
      fetch(`${APP_ORIGIN}/api/admin/users/${state.users.viewer.id}`, {
        method: "PATCH",
        headers: { ...admin, "content-type": "application/json" },
        body: JSON.stringify({ role }),
      });
    expect((await fetch(`${APP_ORIGIN}/api/admin/users`, { headers: headersFor("viewer") })).status).toBe(403);
    expect((await patch("admin")).status).toBe(200);
    try {
      expect((await fetch(`${APP_ORIGIN}/api/admin/users`, { headers: headersFor("viewer") })).status).toBe(200);
    } finally {
      expect((await patch("viewer")).status).toBe(200);
    }
    expect((await fetch(`${APP_ORIGIN}/api/admin/users`, { headers: headersFor("viewer") })).status).toBe(403);
  });
});
