// The alert use cases on the in-memory store and on real Redis: moves (GVP IX rules, 409s naming the
// allowed moves, reasons, outcomes, history, one winner among concurrent moves, publish and audit),
// visibility (404 for anyone who may not see), and the list's filters and cursor paging.
import { describe, expect, test } from "vitest";
import { getAlertStore } from "@/lib/alerts/alert-store";
import { raiseFindingAlerts, raiseReportAlert } from "@/lib/alerts/raise-alerts";
import { moveAlert } from "@/lib/alerts/use-cases/move-alert";
import { getAlert, listAlerts } from "@/lib/alerts/use-cases/read-alerts";
import { getWatchlistStore } from "@/lib/alerts/watchlist-store";
import { alertListQuerySchema, type AlertRecord, type AlertMove } from "@/lib/schemas/alerts";
import type { WatchlistRecord } from "@/lib/schemas/watchlists";
import {
  actorFor,
  alertBackendPerTest,
  findingFixture,
  loggedEvents,
  principalFor,
  reportFixture,
  watchlistFixture,
  type Backend,
} from "@/tests/support/alert-fixtures";
import { rejection } from "@/tests/support/rejection";

async function storedWatchlist(over: Partial<WatchlistRecord> = {}): Promise<WatchlistRecord> {
  const watchlist = watchlistFixture(over);
  expect(await getWatchlistStore().create(watchlist)).toBe(true);
  return watchlist;
}

async function oneAlert(watchlist: WatchlistRecord, fingerprint = "wl:spike:2024-03"): Promise<AlertRecord> {
  const [alert] = (await raiseFindingAlerts(watchlist, [findingFixture({ fingerprint })])).raised;
  if (!alert) throw new Error("no alert raised");
  return alert;
}

const owner = actorFor("analyst", "usr_owner");
const query = (input: Record<string, unknown> = {}) => alertListQuerySchema.parse(input);

describe.each<Backend>(["memory", "redis"])("alert use cases (%s)", (backend) => {
  const env = alertBackendPerTest(backend);

  describe("moves", () => {
    test("new → validated → under_assessment → closed: history, outcome, publish and audit", async () => {
      const alert = await oneAlert(await storedWatchlist());
      await moveAlert(owner, alert.id, { to: "validated" });
      await moveAlert(owner, alert.id, { to: "under_assessment", reason: "PRR holds on the full quarter" });
      const closed = await moveAlert(owner, alert.id, { to: "closed", outcome: "confirmed", reason: "labelling updated" });
      expect(closed.state).toBe("closed");
      expect(closed.outcome).toBe("confirmed");
      expect(closed.history.map((h) => [h.from, h.to, h.by])).toEqual([
        ["new", "validated", "usr_owner"],
        ["validated", "under_assessment", "usr_owner"],
        ["under_assessment", "closed", "usr_owner"],
      ]);
      expect(closed.history[1]?.reason).toBe("PRR holds on the full quarter");
      expect(closed.history[2]).toMatchObject({ outcome: "confirmed", reason: "labelling updated" });
      expect(closed.history[0]?.outcome).toBeUndefined();
      expect(await getAlert(principalFor("analyst", "usr_owner"), alert.id)).toEqual(closed);
      const events = await loggedEvents(env.log());
      expect(events.map((e) => e.type)).toEqual(["alert.raised", "alert.moved", "alert.moved", "alert.moved"]);
      const audit = (await env.auditLog()).filter((e) => e.action === "alert.moved");
      expect(audit).toHaveLength(3);
      expect(audit[2]).toMatchObject({ actor: { userId: "usr_owner" }, target: { type: "alert", id: alert.id }, details: { from: "under_assessment", to: "closed", outcome: "confirmed" } });
    });

    test("an illegal move is a 409 naming the allowed moves; closed is final", async () => {
      const alert = await oneAlert(await storedWatchlist());
      const skip = await rejection(moveAlert(owner, alert.id, { to: "under_assessment" }));
      expect(skip.status).toBe(409);
      expect(skip.message).toContain("Allowed moves from new: validated, dismissed");
      expect(skip.details).toEqual({ from: "new", to: "under_assessment", allowed: ["validated", "dismissed"] });
      await moveAlert(owner, alert.id, { to: "validated" });
      await moveAlert(owner, alert.id, { to: "under_assessment" });
      await moveAlert(owner, alert.id, { to: "closed", outcome: "refuted", reason: "confounded by indication" });
      const reopen = await rejection(moveAlert(owner, alert.id, { to: "new", reason: "again" }));
      expect(reopen.status).toBe(409);
      expect(reopen.message).toContain("none (closed is final)");
      expect((await getAlertStore().get(alert.id))?.history).toHaveLength(3);
    });

    test("dismiss and reopen: reopening needs a reason (400)", async () => {
      const alert = await oneAlert(await storedWatchlist());
      await moveAlert(owner, alert.id, { to: "dismissed" });
      const noReason = await rejection(moveAlert(owner, alert.id, { to: "new" }));
      expect(noReason.status).toBe(400);
      const reopened = await moveAlert(owner, alert.id, { to: "new", reason: "new cases came in" });
      expect(reopened).toMatchObject({ state: "new", outcome: null });
      expect(reopened.history.at(-1)).toMatchObject({ from: "dismissed", to: "new", reason: "new cases came in" });
    });

    test("two moves at once: one wins, the other is a 409 (also when its move would be allowed after the winner's)", async () => {
      const alert = await oneAlert(await storedWatchlist());
      const same = await Promise.allSettled([moveAlert(owner, alert.id, { to: "validated" }), moveAlert(owner, alert.id, { to: "validated" })]);
      expect(same.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const lost = same.find((r) => r.status === "rejected");
      expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });

      const other = await oneAlert(await storedWatchlist(), "wl:spike:2024-05");
      const moves: AlertMove[] = [{ to: "validated" }, { to: "dismissed" }];
      const results = await Promise.allSettled(moves.map((m) => moveAlert(owner, other.id, m)));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect((await getAlertStore().get(other.id))?.history).toHaveLength(1);
    });

    test("a viewer who may see the alert cannot move it (403); someone who may not see it gets 404", async () => {
      const watchlist = await storedWatchlist({ sharing: { userIds: ["usr_viewer"], allAnalysts: false } });
      const alert = await oneAlert(watchlist);
      expect((await rejection(moveAlert(actorFor("viewer", "usr_viewer"), alert.id, { to: "validated" }))).status).toBe(403);
      expect((await rejection(moveAlert(actorFor("analyst", "usr_stranger"), alert.id, { to: "validated" }))).status).toBe(404);
      expect((await rejection(moveAlert(owner, "alr_nosuchalertatall", { to: "validated" }))).status).toBe(404);
      expect((await getAlertStore().get(alert.id))?.state).toBe("new");
    });
  });

  describe("visibility", () => {
    test("owner, shared user, all-analysts share (analyst yes, viewer no), admin; a stranger gets 404", async () => {
      const shared = await oneAlert(await storedWatchlist({ sharing: { userIds: ["usr_named"], allAnalysts: false } }));
      const all = await oneAlert(await storedWatchlist({ sharing: { userIds: [], allAnalysts: true } }), "wl:all");
      const sees = async (principal: ReturnType<typeof principalFor>, id: string) =>
        getAlert(principal, id).then(
          () => true,
          (e: unknown) => {
            expect(e).toMatchObject({ code: "not_found" });
            return false;
          },
        );
      expect(await sees(principalFor("analyst", "usr_owner"), shared.id)).toBe(true);
      expect(await sees(principalFor("viewer", "usr_named"), shared.id)).toBe(true);
      expect(await sees(principalFor("admin", "usr_admin"), shared.id)).toBe(true);
      expect(await sees(principalFor("analyst", "usr_stranger"), shared.id)).toBe(false);
      expect(await sees(principalFor("analyst", "usr_someanalyst"), all.id)).toBe(true);
      expect(await sees(principalFor("viewer", "usr_someviewer"), all.id)).toBe(false);
      expect((await listAlerts(principalFor("analyst", "usr_someanalyst"), query())).data.map((a) => a.id)).toEqual([all.id]);
      expect((await listAlerts(principalFor("viewer", "usr_someviewer"), query())).data).toEqual([]);
      expect((await listAlerts(principalFor("admin", "usr_admin"), query())).data.map((a) => a.id)).toEqual([all.id, shared.id]);
    });

    test("a deleted watchlist's alerts: the owner and admins only; report alerts: the report's owner and admins", async () => {
      const watchlist = await storedWatchlist({ sharing: { userIds: ["usr_named"], allAnalysts: true } });
      const alert = await oneAlert(watchlist);
      await getWatchlistStore().remove(watchlist);
      expect((await rejection(getAlert(principalFor("analyst", "usr_named"), alert.id))).status).toBe(404);
      expect((await getAlert(principalFor("analyst", "usr_owner"), alert.id)).id).toBe(alert.id);
      const report = await raiseReportAlert(reportFixture({ owner: "usr_reporter" }), "report_ready");
      expect((await getAlert(principalFor("analyst", "usr_reporter"), report.id)).kind).toBe("report_ready");
      expect((await getAlert(principalFor("admin", "usr_admin"), report.id)).id).toBe(report.id);
      expect((await rejection(getAlert(principalFor("analyst", "usr_owner"), report.id))).status).toBe(404);
    });
  });

  describe("listing", () => {
    test("filters: state, product (case-insensitive), watchlist, since", async () => {
      const aspirin = await storedWatchlist();
      // An old alert, indexed first (written directly with an old createdAt): below a later `since`.
      const old: AlertRecord = {
        id: "alr_oldoldoldold",
        kind: "spike",
        watchlistId: aspirin.id,
        owner: aspirin.owner,
        reportId: null,
        product: { type: "drug", name: "ASPIRIN", filters: {} },
        links: { product: "/products/drug/ASPIRIN", report: null },
        finding: findingFixture({ fingerprint: "old" }),
        state: "new",
        outcome: null,
        history: [],
        follows: null,
        createdAt: "2020-01-01T00:00:00.000Z",
        updatedAt: "2020-01-01T00:00:00.000Z",
        eventId: null,
      };
      await getAlertStore().put(old);
      await getAlertStore().index(old);
      const ibuprofen = await storedWatchlist({ product: { drug: "IBUPROFEN" } });
      const a1 = await oneAlert(aspirin, "a1");
      const a2 = await oneAlert(aspirin, "a2");
      const i1 = await oneAlert(ibuprofen, "i1");
      await moveAlert(owner, a1.id, { to: "validated" });
      const me = principalFor("analyst", "usr_owner");
      const ids = async (input: Record<string, unknown>) => (await listAlerts(me, query(input))).data.map((a) => a.id);
      expect((await ids({})).slice(0, 3)).toEqual([i1.id, a2.id, a1.id]);
      expect(await ids({ state: "validated" })).toEqual([a1.id]);
      expect((await ids({ state: "new" })).slice(0, 2)).toEqual([i1.id, a2.id]);
      expect(await ids({ product: "aspirin", since: "2021-01-01" })).toEqual([a2.id, a1.id]);
      expect(await ids({ product: "aspir" })).toEqual([]);
      expect(await ids({ watchlist: ibuprofen.id })).toEqual([i1.id]);
      expect(await ids({ watchlist: ibuprofen.id, state: "validated" })).toEqual([]);
      expect(await ids({ since: "2000-01-01" })).toHaveLength(4);
      expect(await ids({ since: new Date(Date.now() + 3_600_000).toISOString() })).toEqual([]);
      expect(await ids({ since: "2021-01-01" })).toEqual([i1.id, a2.id, a1.id]);
      expect(await ids({ since: "2019-12-31" })).toEqual([i1.id, a2.id, a1.id, "alr_oldoldoldold"]);
    });

    test("cursor paging: newest first, every alert once, nextCursor null at the end; a bad cursor is a 400", async () => {
      const watchlist = await storedWatchlist();
      const raised: string[] = [];
      for (let i = 0; i < 7; i++) raised.push((await oneAlert(watchlist, `page:${i}`)).id);
      // Another watchlist's alerts between them, which the owner's filter skips.
      await oneAlert(await storedWatchlist({ owner: "usr_other" }), "other");
      const me = principalFor("analyst", "usr_owner");
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await listAlerts(me, query({ limit: "3", ...(cursor ? { cursor } : {}) }));
        expect(page.data.length).toBeLessThanOrEqual(3);
        seen.push(...page.data.map((a) => a.id));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor !== undefined && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual([...raised].reverse());
      const byWatchlist = await listAlerts(me, query({ limit: "7", watchlist: watchlist.id }));
      expect(byWatchlist.nextCursor).toBeNull();
      expect(byWatchlist.data).toHaveLength(7);
      expect((await rejection(listAlerts(me, query({ cursor: "abc" })))).status).toBe(400);
    });
  });
});
