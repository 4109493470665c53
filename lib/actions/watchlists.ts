"use server";
// Server actions of the watchlists page: create, change, delete and scan a watchlist. Same use cases
// as POST /api/watchlists, PATCH/DELETE /api/watchlists/{id} and POST /api/watchlists/{id}/scan.
import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { scanWatchlist } from "@/lib/alerts/scan-watchlist";
import { createWatchlist, deleteWatchlist, toWatchlistView, updateWatchlist } from "@/lib/alerts/use-cases/watchlists";
import { watchlistIdSchema, watchlistInputSchema, watchlistPatchSchema } from "@/lib/schemas/watchlists";

const byWatchlistIdSchema = z.strictObject({ id: watchlistIdSchema });

export const createWatchlistAction = defineAction(
  { actionName: "watchlists.create", permission: "watchlists:manage", input: watchlistInputSchema },
  ({ input, actor }) => createWatchlist(actor, input),
);

export const updateWatchlistAction = defineAction(
  { actionName: "watchlists.update", permission: "watchlists:manage", input: z.strictObject({ id: watchlistIdSchema, patch: watchlistPatchSchema }) },
  ({ input, actor }) => updateWatchlist(actor, input.id, input.patch),
);

export const deleteWatchlistAction = defineAction(
  { actionName: "watchlists.delete", permission: "watchlists:manage", input: byWatchlistIdSchema },
  ({ input, actor }) => deleteWatchlist(actor, input.id),
);

export const scanWatchlistAction = defineAction(
  { actionName: "watchlists.scan", permission: "watchlists:manage", input: byWatchlistIdSchema },
  async ({ input, actor }) => {
    const result = await scanWatchlist(actor, input.id);
    return { ...result, watchlist: await toWatchlistView(result.watchlist) };
  },
);
