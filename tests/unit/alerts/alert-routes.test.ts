// The alert routes as real withApi handlers on the in-memory store, called with personal tokens: the
// list's query checks and paging, 404 for an alert one cannot see, PATCH's 200, 409 and 400, and a
// viewer's 403 at the edge.
import { expect, test } from "vitest";
import { GET as listRoute } from "@/app/api/alerts/route";
import { GET as getRoute, PATCH as patchRoute } from "@/app/api/alerts/[id]/route";
import { raiseFindingAlerts } from "@/lib/alerts/raise-alerts";
import { getWatchlistStore } from "@/lib/alerts/watchlist-store";
import { setEventLogForTests } from "@/lib/cache/get-event-log";
import { createMemoryEventLog } from "@/lib/cache/memory-event-log";
import { createPersonalToken } from "@/lib/auth/personal-tokens";
import type { Role } from "@/lib/auth/roles";
import { createUser } from "@/lib/auth/users";
import { findingFixture, watchlistFixture } from "@/tests/support/alert-fixtures";
import { memoryStateStorePerTest } from "@/tests/support/memory-audit";

memoryStateStorePerTest();
setEventLogForTests(createMemoryEventLog({ maxLength: 1000 }));

const unique = () => Math.random().toString(36).slice(2);

async function userWithToken(role: Role): Promise<{ id: string; token: string }> {
  const user = await createUser({ email: `${role}-${unique()}@example.org`, password: null, role });
  const { token } = await createPersonalToken({ userId: user.id, name: "alerts" });
  return { id: user.id, token };
}

const call = (handler: typeof getRoute, url: string, token: string, params: Record<string, string> = {}, init: RequestInit = {}) =>
  handler(new Request(`http://localhost${url}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.body ? { "content-type": "application/json" } : {}) } }), {
    params: Promise.resolve(params),
  });

test("list, get and move an alert through the API", async () => {
  const analyst = await userWithToken("analyst");
  const watchlist = watchlistFixture({ owner: analyst.id });
  await getWatchlistStore().create(watchlist);
  const { raised } = await raiseFindingAlerts(watchlist, [findingFixture({ fingerprint: "r1" }), findingFixture({ fingerprint: "r2" })]);
  const [first, second] = raised;

  const page = await call(listRoute, "/api/alerts?limit=1", analyst.token);
  expect(page.status).toBe(200);
  const body = (await page.json()) as { data: { id: string }[]; nextCursor: string | null };
  expect(body.data.map((a) => a.id)).toEqual([second!.id]);
  const next = (await (await call(listRoute, `/api/alerts?limit=1&cursor=${body.nextCursor}`, analyst.token)).json()) as typeof body;
  expect(next).toEqual({ data: [expect.objectContaining({ id: first!.id })], nextCursor: null });
  expect((await call(listRoute, "/api/alerts?state=open", analyst.token)).status).toBe(400);
  expect((await call(listRoute, "/api/alerts?color=red", analyst.token)).status).toBe(400);

  expect((await call(getRoute, `/api/alerts/${first!.id}`, analyst.token, { id: first!.id })).status).toBe(200);
  const stranger = await userWithToken("analyst");
  expect((await call(getRoute, `/api/alerts/${first!.id}`, stranger.token, { id: first!.id })).status).toBe(404);

  const patch = (token: string, move: unknown) => call(patchRoute, `/api/alerts/${first!.id}`, token, { id: first!.id }, { method: "PATCH", body: JSON.stringify(move) });
  const moved = await patch(analyst.token, { to: "validated" });
  expect(moved.status).toBe(200);
  expect(((await moved.json()) as { state: string }).state).toBe("validated");
  const illegal = await patch(analyst.token, { to: "closed", outcome: "confirmed", reason: "done" });
  expect(illegal.status).toBe(409);
  expect(((await illegal.json()) as { error: { message: string } }).error.message).toContain("under_assessment, dismissed");
  expect((await patch(analyst.token, { to: "closed" })).status).toBe(400);
  expect((await patch(analyst.token, { to: "dismissed", outcome: "refuted" })).status).toBe(400);
  expect((await patch(stranger.token, { to: "dismissed" })).status).toBe(404);
  const viewer = await userWithToken("viewer");
  expect((await patch(viewer.token, { to: "dismissed" })).status).toBe(403);
});
