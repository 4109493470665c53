import type { JobDefinition } from "@/lib/jobs/types";

// Every job the app runs, for both providers (JOBS_PROVIDER).
export const JOB_DEFINITIONS: JobDefinition[] = [];
