// Entry of every analytics worker thread (see analytics-pool.ts). Turbopack compiles it and its imports
// into a worker chunk; under Vitest/tsx it is loaded through tsx-worker-shim.mjs.
import { serveTasks } from "./serve-tasks";
import { ANALYTICS_INPUT_ERRORS, ANALYTICS_TASKS } from "./tasks";

serveTasks(ANALYTICS_TASKS, ANALYTICS_INPUT_ERRORS);
