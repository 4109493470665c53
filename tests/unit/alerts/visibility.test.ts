// Who sees and who changes a watchlist (issue #12): owner, named users, all analysts (analysts only),
// admins; nobody else. And an alert follows its watchlist, or only its owner and admins once it is gone.
import { describe, expect, test } from "vitest";
import { canChangeWatchlist, canSeeAlert, canSeeWatchlist } from "@/lib/alerts/visibility";

const watchlist = (sharing: { userIds?: string[]; allAnalysts?: boolean } = {}) => ({
  owner: "u_owner",
  sharing: { userIds: sharing.userIds ?? [], allAnalysts: sharing.allAnalysts ?? false },
});

describe("canSeeWatchlist", () => {
  test("the owner sees it, whatever their role", () => {
    expect(canSeeWatchlist({ userId: "u_owner", role: "analyst" }, watchlist())).toBe(true);
    expect(canSeeWatchlist({ userId: "u_owner", role: "viewer" }, watchlist())).toBe(true);
  });
  test("a named user sees it, a viewer too", () => {
    expect(canSeeWatchlist({ userId: "u_named", role: "viewer" }, watchlist({ userIds: ["u_named"] }))).toBe(true);
    expect(canSeeWatchlist({ userId: "u_named", role: "analyst" }, watchlist({ userIds: ["u_named"] }))).toBe(true);
  });
  test("shared with all analysts: an analyst yes, a viewer no", () => {
    expect(canSeeWatchlist({ userId: "u_a", role: "analyst" }, watchlist({ allAnalysts: true }))).toBe(true);
    expect(canSeeWatchlist({ userId: "u_v", role: "viewer" }, watchlist({ allAnalysts: true }))).toBe(false);
  });
  test("an admin sees every watchlist", () => {
    expect(canSeeWatchlist({ userId: "u_admin", role: "admin" }, watchlist())).toBe(true);
  });
  test("a stranger sees nothing: not shared, or shared with someone else", () => {
    expect(canSeeWatchlist({ userId: "u_x", role: "analyst" }, watchlist())).toBe(false);
    expect(canSeeWatchlist({ userId: "u_x", role: "analyst" }, watchlist({ userIds: ["u_named"] }))).toBe(false);
  });
});

describe("canChangeWatchlist", () => {
  test("only the owner and admins; a named user or an analyst of a shared-with-all list does not", () => {
    const shared = { ...watchlist({ userIds: ["u_named"], allAnalysts: true }) };
    expect(canChangeWatchlist({ userId: "u_owner", role: "analyst" }, shared)).toBe(true);
    expect(canChangeWatchlist({ userId: "u_admin", role: "admin" }, shared)).toBe(true);
    expect(canChangeWatchlist({ userId: "u_named", role: "analyst" }, shared)).toBe(false);
    expect(canChangeWatchlist({ userId: "u_other", role: "analyst" }, shared)).toBe(false);
  });
});

describe("canSeeAlert", () => {
  const alert = { owner: "u_owner", watchlistId: "wl_abcdefgh" };
  test("as its watchlist is", () => {
    expect(canSeeAlert({ userId: "u_named", role: "viewer" }, alert, watchlist({ userIds: ["u_named"] }))).toBe(true);
    expect(canSeeAlert({ userId: "u_x", role: "analyst" }, alert, watchlist())).toBe(false);
  });
  test("its watchlist deleted: the owner and admins only", () => {
    expect(canSeeAlert({ userId: "u_owner", role: "analyst" }, alert, null)).toBe(true);
    expect(canSeeAlert({ userId: "u_admin", role: "admin" }, alert, null)).toBe(true);
    expect(canSeeAlert({ userId: "u_named", role: "analyst" }, alert, null)).toBe(false);
  });
  test("a report alert: its owner and admins", () => {
    const reportAlert = { owner: "u_owner", watchlistId: null };
    expect(canSeeAlert({ userId: "u_owner", role: "analyst" }, reportAlert, null)).toBe(true);
    expect(canSeeAlert({ userId: "u_admin", role: "admin" }, reportAlert, null)).toBe(true);
    expect(canSeeAlert({ userId: "u_x", role: "analyst" }, reportAlert, null)).toBe(false);
  });
});
