import type { JobDefinition } from "@/lib/jobs/types";

// Every job the app runs; both providers build from this list. Filled in as jobs land (issue #11).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- definitions differ in their event schema
export const JOB_DEFINITIONS: JobDefinition<any>[] = [];
