// Watchlists end to end (issue #12): the routes (real withApi handlers, personal tokens) over the
// in-memory state store for CRUD, visibility 404s and the 400s; then scans of watchlists against the
// fake openFDA server (the recorded drug events), whose alerts are counted from the records here.
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { GET as getOne, PATCH, DELETE } from "@/app/api/watchlists/[id]/route";
import { POST as scanRoute } from "@/app/api/watchlists/[id]/scan/route";
import { GET as list, POST as create } from "@/app/api/watchlists/route";
import { getAlertStore } from "@/lib/alerts/alert-store";
import { scanWatchlist } from "@/lib/alerts/scan-watchlist";
import { actorFromHeaders, type ActorContext } from "@/lib/auth/audit-context";
import { createPersonalToken } from "@/lib/auth/personal-tokens";
import type { Role } from "@/lib/auth/roles";
import { createUser, type StoredUser } from "@/lib/auth/users";
import { resetEnvForTests } from "@/lib/env";
import { setPipelineDepsForTests, type PipelineDeps } from "@/lib/pipeline/deps";
import type { WatchlistInput } from "@/lib/schemas/watchlists";
import { startFakeOpenFda, type FakeOpenFda } from "@/tests/support/fake-openfda";
import { memoryStateStorePerTest } from "@/tests/support/memory-audit";
import { fakeOpenFdaDeps } from "@/tests/support/pipeline-deps";
import { namesLetairis, recordedDrugEvents } from "@/tests/support/recorded-drug-events";

const { auditLog } = memoryStateStorePerTest();
// The routes check that a watched product has reports: they ask the pipeline, here over the fake openFDA.
let fake: FakeOpenFda;
beforeAll(async () => {
  fake = await startFakeOpenFda();
  setPipelineDepsForTests(fakeOpenFdaDeps(fake.url));
});
afterAll(async () => {
  setPipelineDepsForTests(undefined);
  await fake.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});

const unique = () => Math.random().toString(36).slice(2, 10);
type Caller = { user: StoredUser; token: string };

async function caller(role: Role): Promise<Caller> {
  const user = await createUser({ email: `${role}-${unique()}@example.org`, password: null, role });
  const { token } = await createPersonalToken({ userId: user.id, name: "test" });
  return { user, token };
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(handler: Handler, who: Caller, method: string, path: string, body?: unknown, params: Record<string, string> = {}) {
  const req = new Request(`http://localhost${path}`, {
    method,
    headers: { authorization: `Bearer ${who.token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const response = await handler(req, { params: Promise.resolve(params) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string; details?: Record<string, unknown> } } };
}

const input = (over: Partial<WatchlistInput> = {}) => ({
  name: "LETAIRIS watch",
  product: { drug: "LETAIRIS" },
  watch: [{ kind: "spike", method: "ears_c2" }],
  schedule: "daily",
  ...over,
});

describe("watchlist CRUD through the routes", () => {
  test("create, read, list, change, delete; sharing shown as id and email; each change audited", async () => {
    const owner = await caller("analyst");
    const friend = await caller("viewer");
    const created = await call(create, owner, "POST", "/api/watchlists", input({ sharing: { users: [friend.user.email, owner.user.email, friend.user.email], allAnalysts: false } }));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(id).toMatch(/^wl_/);
    // The owner's own email and the repeat are dropped.
    expect(created.body.sharing).toEqual({ users: [{ id: friend.user.id, email: friend.user.email }], allAnalysts: false });
    expect(created.body).toMatchObject({ owner: owner.user.id, lastScan: null, schedule: "daily" });

    // The named viewer sees it (alerts:read) but may not change it (watchlists:manage is analyst+).
    expect((await call(getOne, friend, "GET", `/api/watchlists/${id}`, undefined, { id })).status).toBe(200);
    expect(((await call(list, friend, "GET", "/api/watchlists")).body.data as { id: string }[]).map((w) => w.id)).toEqual([id]);
    expect((await call(PATCH, friend, "PATCH", `/api/watchlists/${id}`, { name: "x" }, { id })).status).toBe(403);

    const changed = await call(PATCH, owner, "PATCH", `/api/watchlists/${id}`, { name: "Renamed", sharing: { users: [], allAnalysts: true } }, { id });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: "Renamed", sharing: { users: [], allAnalysts: true } });
    // No longer shared by name, and a viewer is not an analyst: 404.
    expect((await call(getOne, friend, "GET", `/api/watchlists/${id}`, undefined, { id })).status).toBe(404);

    const deleted = await call(DELETE, owner, "DELETE", `/api/watchlists/${id}`, undefined, { id });
    expect(deleted).toEqual({ status: 200, body: { id, deleted: true } });
    expect((await call(getOne, owner, "GET", `/api/watchlists/${id}`, undefined, { id })).status).toBe(404);

    const actions = (await auditLog()).filter((e) => e.target?.type === "watchlist").map((e) => e.action);
    expect(actions).toEqual(["watchlist.created", "watchlist.updated", "watchlist.deleted"]);
  });

  test("an analyst who sees a watchlist shared with all may not change, delete or scan it (404); a stranger does not see it; an admin does all", async () => {
    const owner = await caller("analyst");
    const other = await caller("analyst");
    const admin = await caller("admin");
    const id = (await call(create, owner, "POST", "/api/watchlists", input({ sharing: { users: [], allAnalysts: true } }))).body.id as string;
    expect((await call(getOne, other, "GET", `/api/watchlists/${id}`, undefined, { id })).status).toBe(200);
    expect((await call(PATCH, other, "PATCH", `/api/watchlists/${id}`, { name: "mine now" }, { id })).status).toBe(404);
    expect((await call(DELETE, other, "DELETE", `/api/watchlists/${id}`, undefined, { id })).status).toBe(404);
    expect((await call(scanRoute, other, "POST", `/api/watchlists/${id}/scan`, undefined, { id })).status).toBe(404);

    const privateId = (await call(create, owner, "POST", "/api/watchlists", input())).body.id as string;
    expect((await call(getOne, other, "GET", `/api/watchlists/${privateId}`, undefined, { id: privateId })).status).toBe(404);
    expect(((await call(list, other, "GET", "/api/watchlists")).body.data as { id: string }[]).map((w) => w.id)).toEqual([id]);

    expect((await call(PATCH, admin, "PATCH", `/api/watchlists/${privateId}`, { schedule: "weekly" }, { id: privateId })).body).toMatchObject({ schedule: "weekly" });
    // A PATCH that leaves sharing out keeps it; an empty PATCH is a 400.
    expect((await call(PATCH, owner, "PATCH", `/api/watchlists/${id}`, { name: "Still shared" }, { id })).body).toMatchObject({ name: "Still shared", sharing: { users: [], allAnalysts: true } });
    expect((await call(PATCH, owner, "PATCH", `/api/watchlists/${id}`, {}, { id })).status).toBe(400);
    expect((await call(DELETE, admin, "DELETE", `/api/watchlists/${privateId}`, undefined, { id: privateId })).status).toBe(200);
  });

  test("400s: over WATCHLISTS_PER_USER, an unknown share email, a bad threshold named by the schema", async () => {
    vi.stubEnv("WATCHLISTS_PER_USER", "2");
    resetEnvForTests();
    const owner = await caller("analyst");
    expect((await call(create, owner, "POST", "/api/watchlists", input())).status).toBe(201);
    expect((await call(create, owner, "POST", "/api/watchlists", input())).status).toBe(201);
    const third = await call(create, owner, "POST", "/api/watchlists", input());
    expect(third.status).toBe(400);
    expect(third.body.error?.message).toContain("WATCHLISTS_PER_USER");
    expect(third.body.error?.details).toMatchObject({ reason: "limit_exceeded", max: 2 });

    const other = await caller("analyst");
    const unknown = await call(create, other, "POST", "/api/watchlists", input({ sharing: { users: ["nobody-here@example.org"], allAnalysts: false } }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.message).toContain("nobody-here@example.org");

    const alpha = await call(create, other, "POST", "/api/watchlists", input({ watch: [{ kind: "spike", method: "farrington", params: { alpha: 2 } }] as WatchlistInput["watch"] }));
    expect(alpha.status).toBe(400);
    expect(alpha.body.error?.message).toMatch(/alpha/);
    const level = await call(create, other, "POST", "/api/watchlists", input({ watch: [{ kind: "forecast_exceedance", level: 90 }] as unknown as WatchlistInput["watch"] }));
    expect(level.status).toBe(400);
    expect(level.body.error?.message).toContain("level must be 80 or 95");
    // A viewer may not create one at all.
    expect((await call(create, await caller("viewer"), "POST", "/api/watchlists", input())).status).toBe(403);
  });
});

describe("scans against the fake openFDA", () => {
  let deps: PipelineDeps;
  // The recorded LETAIRIS reports all arrive on 2014-03-12; "today" is mid-April 2014, so March is the last complete month.
  const TODAY = "2014-04-15";
  function actorOf(who: Caller): ActorContext {
    return actorFromHeaders({ kind: "user", userId: who.user.id, email: who.user.email, role: who.user.role, via: "pat", credentialId: "c" }, new Headers());
  }

  test("a scan raises the expected alerts, records lastScan and is audited; a second scan raises none", async () => {
    deps = { ...fakeOpenFdaDeps(fake.url), today: () => TODAY };
    const owner = await caller("analyst");
    const watch = [
      { kind: "spike", method: "ears_c2" },
      { kind: "forecast_exceedance", level: 95 },
      { kind: "fatal_report" },
      // LETAIRIS is most of the recorded database, so no term is disproportionate: the rule runs, finds nothing.
      { kind: "signal", rule: "evans", minCount: 3 },
    ] as WatchlistInput["watch"];
    const id = (await call(create, owner, "POST", "/api/watchlists", input({ watch }))).body.id as string;

    const first = await scanWatchlist(actorOf(owner), id, { deps });
    expect(first.problems).toEqual([]);
    // Worked out from the records: LETAIRIS reports in March 2014, and none of them fatal.
    const march = recordedDrugEvents.filter((r) => namesLetairis(r) && r.receivedate.startsWith("201403")).length;
    expect(march).toBeGreaterThan(0);
    const bySubject = first.findings.map((f) => [f.kind, f.subject]);
    expect(bySubject).toEqual([
      ["spike", "2014-03"],
      ["forecast_exceedance", "2014-03"],
    ]);
    expect(first.findings[0]!.title).toContain(`(${march} reports)`);
    expect(first.findings[0]!.provenance.queries.length).toBeGreaterThan(0);
    expect(first.findings[1]!.fingerprint).toBe(`${id}:forecast_exceedance:95:2014-03`);
    // Fitted on the complete months before March only (the 3-year window from 2011-04-16).
    expect(first.findings[1]!.provenance.parameters).toMatchObject({ level: 95, from: "2011-04-16", to: TODAY });
    expect(String(first.findings[1]!.provenance.parameters.fittedOn)).toMatch(/\.\.2014-02$/);
    expect(first.raised).toHaveLength(2);
    expect(first.raised.every((a) => a.watchlistId === id && a.owner === owner.user.id && a.state === "new")).toBe(true);
    expect(first.watchlist.lastScan).toMatchObject({ findings: 2, alertsRaised: 2 });
    expect(await getAlertStore().count(id)).toBe(2);

    const second = await scanWatchlist(actorOf(owner), id, { deps });
    expect(second.findings.map((f) => f.fingerprint)).toEqual(first.findings.map((f) => f.fingerprint));
    expect(second.raised).toEqual([]);
    expect(second.unchanged).toBe(2);
    expect(second.watchlist.lastScan).toMatchObject({ findings: 2, alertsRaised: 0 });
    expect(await getAlertStore().count(id)).toBe(2);

    const scans = (await auditLog()).filter((e) => e.action === "watchlist.scanned");
    expect(scans).toHaveLength(2);
    expect(scans[0]).toMatchObject({ outcome: "success", actor: { userId: owner.user.id }, target: { type: "watchlist", id }, details: { findings: 2, raised: 2 } });
  });

  test("fatal reports: each fatal case received in the last 90 days, once", async () => {
    deps = { ...fakeOpenFdaDeps(fake.url), today: () => TODAY };
    const owner = await caller("analyst");
    const id = (await call(create, owner, "POST", "/api/watchlists", input({ name: "JANUMET", product: { drug: "JANUMET" }, watch: [{ kind: "fatal_report" }] }))).body.id as string;
    const expected = recordedDrugEvents
      .filter((r) => (r as { seriousnessdeath?: string }).seriousnessdeath === "1" && r.receivedate >= "20140115")
      .filter((r) => r.patient?.drug?.some((d) => d.medicinalproduct === "JANUMET" || d.openfda?.brand_name?.includes("JANUMET")))
      .map((r) => r.safetyreportid);
    expect(expected.length).toBeGreaterThan(0);
    const first = await scanWatchlist("schedule", id, { deps });
    expect(first.findings.map((f) => f.subject).sort()).toEqual(expected.sort());
    expect(first.findings.every((f) => f.kind === "fatal_report" && f.score === 1)).toBe(true);
    expect(first.raised).toHaveLength(expected.length);
    expect((await scanWatchlist("schedule", id, { deps })).raised).toEqual([]);
  });

  test("one failing rule is a problem while the others run; an unknown product cannot be watched", async () => {
    deps = { ...fakeOpenFdaDeps(fake.url), today: () => TODAY };
    const owner = await caller("analyst");
    const device = (await call(create, owner, "POST", "/api/watchlists", input({ product: { productCode: "LOD" }, watch: [{ kind: "signal", rule: "evans", minCount: 3 }, { kind: "fatal_report" }] }))).body
      .id as string;
    const result = await scanWatchlist(actorOf(owner), device, { deps });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ watch: 0 });
    expect(result.problems[0]!.message).toMatch(/drug/);
    expect(result.watchlist.lastScan?.error).toBeUndefined();

    // A product the source has no reports of cannot be watched (a misspelt name would never alert).
    const unknown = await call(create, owner, "POST", "/api/watchlists", input({ product: { drug: "NO SUCH DRUG ZZZ" } }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: "invalid_input", details: { parameter: "product.drug", reason: "unknown_product" } });
    expect(unknown.body.error!.message).toContain("NO SUCH DRUG ZZZ");
    const moved = await call(PATCH, owner, "PATCH", `/api/watchlists/${device}`, { product: { drug: "NO SUCH DRUG ZZZ" } }, { id: device });
    expect(moved.status).toBe(400);
    expect((await call(getOne, owner, "GET", `/api/watchlists/${device}`, undefined, { id: device })).body.product).toEqual({ productCode: "LOD" });
  });
});
