import "server-only";
import { newId } from "@/lib/auth/ids";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditBy, type ActorContext } from "@/lib/auth/audit-context";
import type { UserPrincipal } from "@/lib/auth/principal";
import { findUserByEmail, getUser } from "@/lib/auth/users";
import { assertProductKnown } from "@/lib/alerts/assert-product-known";
import { canChangeWatchlist, canSeeWatchlist } from "@/lib/alerts/visibility";
import { getWatchlistStore } from "@/lib/alerts/watchlist-store";
import { getEnv } from "@/lib/env";
import { AppError, invalidInput, notFound } from "@/lib/errors/app-error";
import type { PipelineDeps } from "@/lib/pipeline";
import type { WatchlistInput, WatchlistPatch, WatchlistRecord } from "@/lib/schemas/watchlists";

// Watchlist use cases (issue #12), shared by /api/watchlists and the watchlists page's actions. Who
// sees a watchlist: lib/alerts/visibility.ts; anyone who may not see it, or may see but not change
// it, gets the same 404 as for a watchlist that does not exist. Every change is audited.

/** A watchlist as the API shows it: sharing by user id and email. */
export type WatchlistView = Omit<WatchlistRecord, "sharing"> & {
  sharing: { users: { id: string; email: string | null }[]; allAnalysts: boolean };
};

export async function toWatchlistView(record: WatchlistRecord): Promise<WatchlistView> {
  const users = await Promise.all(record.sharing.userIds.map(async (id) => ({ id, email: (await getUser(id))?.email ?? null })));
  return { ...record, sharing: { users, allAnalysts: record.sharing.allAnalysts } };
}

const missing = (id: string) => notFound(`No watchlist ${id}.`);

/** Share emails to user ids: an unknown email is a 400 naming it; the owner's own and repeats are dropped. */
async function resolveSharing(sharing: WatchlistInput["sharing"], owner: string): Promise<WatchlistRecord["sharing"]> {
  const userIds: string[] = [];
  for (const email of sharing.users) {
    const user = await findUserByEmail(email);
    if (!user) throw invalidInput(`sharing.users: no user has the email ${email}.`, { parameter: "sharing.users", email });
    if (user.id !== owner && !userIds.includes(user.id)) userIds.push(user.id);
  }
  return { userIds, allAnalysts: sharing.allAnalysts };
}

async function audit(actor: ActorContext, action: "watchlist.created" | "watchlist.updated" | "watchlist.deleted", record: WatchlistRecord, details?: Record<string, string | number | boolean | null>) {
  await recordAudit({ action, outcome: "success", ...auditBy(actor), target: { type: "watchlist", id: record.id, label: record.name.slice(0, 200) }, ...(details ? { details } : {}) });
}

/** `deps`: the pipeline the product check asks (tests point it at a local openFDA-compatible server). */
export type WatchlistOptions = { now?: Date; deps?: PipelineDeps };

export async function createWatchlist(actor: ActorContext, input: WatchlistInput, options: WatchlistOptions = {}): Promise<WatchlistView> {
  const now = options.now ?? new Date();
  const owner = actor.principal.userId;
  const store = getWatchlistStore();
  const limit = getEnv().WATCHLISTS_PER_USER;
  const owned = (await store.listIds(owner)).length;
  if (owned >= limit) {
    throw new AppError({
      code: "invalid_input",
      message: `You have ${owned} watchlists, the most allowed (WATCHLISTS_PER_USER = ${limit}); delete one before creating another.`,
      details: { reason: "limit_exceeded", limit: "WATCHLISTS_PER_USER", max: limit, watchlists: owned },
    });
  }
  const sharing = await resolveSharing(input.sharing, owner);
  await assertProductKnown(input.product, { caller: `user:${owner}` }, options.deps);
  const at = now.toISOString();
  const record: WatchlistRecord = {
    id: `wl_${newId()}`,
    owner,
    name: input.name,
    product: input.product,
    watch: input.watch,
    schedule: input.schedule,
    sharing,
    createdAt: at,
    updatedAt: at,
    lastScan: null,
  };
  if (!(await store.create(record))) throw new AppError({ code: "conflict", message: "A watchlist with this id exists; try again." });
  await audit(actor, "watchlist.created", record, { rules: record.watch.length, schedule: record.schedule, sharedWith: record.sharing.userIds.length, allAnalysts: record.sharing.allAnalysts });
  return toWatchlistView(record);
}

/** The watchlists the caller can see (owned, shared with them, shared with all analysts; admins: all), newest first. */
export async function listWatchlists(principal: UserPrincipal): Promise<WatchlistView[]> {
  const store = getWatchlistStore();
  const records = (await Promise.all((await store.listIds("all")).map((id) => store.get(id)))).filter(
    (r): r is WatchlistRecord => r !== null && canSeeWatchlist(principal, r),
  );
  records.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? -1 : 1));
  return Promise.all(records.map(toWatchlistView));
}

/** The record if the caller can see it, else 404. */
export async function getVisibleWatchlist(principal: UserPrincipal, id: string): Promise<WatchlistRecord> {
  const record = await getWatchlistStore().get(id);
  if (!record || !canSeeWatchlist(principal, record)) throw missing(id);
  return record;
}

export async function getWatchlist(principal: UserPrincipal, id: string): Promise<WatchlistView> {
  return toWatchlistView(await getVisibleWatchlist(principal, id));
}

/** The record if the caller may change it (owner or admin), else 404 — also for those who only see it. */
export async function getChangeableWatchlist(principal: UserPrincipal, id: string): Promise<WatchlistRecord> {
  const record = await getWatchlistStore().get(id);
  if (!record || !canChangeWatchlist(principal, record)) throw missing(id);
  return record;
}

export async function updateWatchlist(actor: ActorContext, id: string, patch: WatchlistPatch, options: WatchlistOptions = {}): Promise<WatchlistView> {
  const now = options.now ?? new Date();
  const current = await getChangeableWatchlist(actor.principal, id);
  const sharing = patch.sharing !== undefined ? await resolveSharing(patch.sharing, current.owner) : undefined;
  if (patch.product !== undefined) await assertProductKnown(patch.product, { caller: `user:${actor.principal.userId}` }, options.deps);
  const updated = await getWatchlistStore().update(id, (record) => ({
    ...record,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.product !== undefined ? { product: patch.product } : {}),
    ...(patch.watch !== undefined ? { watch: patch.watch } : {}),
    ...(patch.schedule !== undefined ? { schedule: patch.schedule } : {}),
    ...(sharing !== undefined ? { sharing } : {}),
    updatedAt: now.toISOString(),
  }));
  if (!updated) throw missing(id);
  await audit(actor, "watchlist.updated", updated, { fields: Object.keys(patch).sort().join(",") });
  return toWatchlistView(updated);
}

export async function deleteWatchlist(actor: ActorContext, id: string): Promise<{ id: string; deleted: true }> {
  const record = await getChangeableWatchlist(actor.principal, id);
  await getWatchlistStore().remove(record);
  await audit(actor, "watchlist.deleted", record);
  return { id, deleted: true };
}
