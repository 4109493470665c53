import type { JobDefinition } from "@/lib/jobs/types";
import { generateReportJob } from "@/lib/jobs/definitions/generate-report";
import { scanWatchlistsJob } from "@/lib/jobs/definitions/scan-watchlists";

// Every job the app runs, for both providers (JOBS_PROVIDER). `any`: each definition has its own event
// schema, and strict function types would refuse them as JobDefinition<ZodType>.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const JOB_DEFINITIONS: JobDefinition<any>[] = [generateReportJob, scanWatchlistsJob];
