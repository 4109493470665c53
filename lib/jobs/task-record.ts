import { z } from "zod";

// A task is one run of a job as GET /api/tasks/{id} shows it. Both providers write it through
// lib/jobs/task-store.ts, so progress reads the same whichever runs the job.
export const taskStatusSchema = z.enum(["queued", "running", "succeeded", "failed", "cancelled"]);

export const taskRecordSchema = z.object({
  id: z.string(),
  job: z.string(),
  /** User id of whoever started it: only they and admins may read it (others get 404). */
  owner: z.string(),
  status: taskStatusSchema,
  /** 0–100, never goes backwards. */
  progress: z.number().int().min(0).max(100),
  /** The step running or last run. */
  step: z.string().nullable(),
  /** Tries of the current (or failing) step. */
  attempts: z.number().int().nonnegative(),
  error: z.string().optional(),
  reportId: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type TaskStatus = z.infer<typeof taskStatusSchema>;
export type TaskRecord = z.infer<typeof taskRecordSchema>;
