// The response schemas the API document shows, held to what the use cases really return: the type
// checker (npm run typecheck / tsc --noEmit) fails when a use case's answer no longer fits its
// schema, so the document cannot silently drift from the code. The runtime test only keeps the file
// in the suite.
import { expectTypeOf, test } from "vitest";
import type { z } from "zod";
import type { getAlert, listAlerts } from "@/lib/alerts/use-cases/read-alerts";
import type { deleteWatchlist, WatchlistView } from "@/lib/alerts/use-cases/watchlists";
import type { CreatedPersonalToken } from "@/lib/auth/use-cases/create-personal-token-for-user";
import type { deleteUserAsAdmin } from "@/lib/auth/use-cases/delete-user-as-admin";
import type { revokePersonalTokenAsActor } from "@/lib/auth/use-cases/revoke-personal-token-as-actor";
import type { PublicUser } from "@/lib/schemas/accounts";
import type { cancelOrDeleteReport } from "@/lib/reports/use-cases/remove-report";
import type { ReportChangesAnswer } from "@/lib/reports/use-cases/read-report-changes";
import type { getTask, ReportView, VerifyAnswer } from "@/lib/reports/use-cases/read-reports";
import type { alertRecordSchema } from "@/lib/schemas/alerts";
import type {
  alertPageResponseSchema,
  createdPersonalTokenResponseSchema,
  deletedUserResponseSchema,
  deletedWatchlistResponseSchema,
  disproportionalityResponseSchema,
  reportChangesResponseSchema,
  reportRemovedResponseSchema,
  reportViewSchema,
  revokedTokenResponseSchema,
  userResponseSchema,
  verifyReportResponseSchema,
  watchlistViewSchema,
} from "@/lib/schemas/api-responses";
import type { taskRecordSchema } from "@/lib/jobs/task-record";
import type { analyzeDisproportionality } from "@/lib/workers/tasks/disproportionality-answer";

type Answer<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

test("use-case answers fit the documented response schemas (checked by the type checker)", () => {
  expectTypeOf<WatchlistView>().toExtend<z.infer<typeof watchlistViewSchema>>();
  expectTypeOf<Answer<typeof deleteWatchlist>>().toExtend<z.infer<typeof deletedWatchlistResponseSchema>>();
  expectTypeOf<Answer<typeof listAlerts>>().toExtend<z.infer<typeof alertPageResponseSchema>>();
  expectTypeOf<Answer<typeof getAlert>>().toExtend<z.infer<typeof alertRecordSchema>>();
  expectTypeOf<ReportView>().toExtend<z.infer<typeof reportViewSchema>>();
  expectTypeOf<VerifyAnswer>().toExtend<z.infer<typeof verifyReportResponseSchema>>();
  expectTypeOf<ReportChangesAnswer>().toExtend<z.infer<typeof reportChangesResponseSchema>>();
  expectTypeOf<Answer<typeof cancelOrDeleteReport>>().toExtend<z.infer<typeof reportRemovedResponseSchema>>();
  expectTypeOf<Answer<typeof getTask>>().toExtend<z.infer<typeof taskRecordSchema>>();
  expectTypeOf<CreatedPersonalToken>().toExtend<z.infer<typeof createdPersonalTokenResponseSchema>>();
  expectTypeOf<Answer<typeof revokePersonalTokenAsActor>>().toExtend<z.infer<typeof revokedTokenResponseSchema>>();
  expectTypeOf<Answer<typeof deleteUserAsAdmin>>().toExtend<z.infer<typeof deletedUserResponseSchema>>();
  expectTypeOf<ReturnType<typeof analyzeDisproportionality>>().toExtend<z.infer<typeof disproportionalityResponseSchema>>();
  expectTypeOf<{ user: PublicUser }>().toExtend<z.infer<typeof userResponseSchema>>();
});
