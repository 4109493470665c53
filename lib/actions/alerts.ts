"use server";
// Server actions of the alerts page: move an alert through its states. Same use case as
// PATCH /api/alerts/{id}.
import { z } from "zod";
import { defineAction } from "@/lib/actions/action-client";
import { moveAlert } from "@/lib/alerts/use-cases/move-alert";
import { alertIdSchema, alertMoveSchema } from "@/lib/schemas/alerts";

/** The alert's id and the move, checked with the API's own move schema. */
const moveAlertActionSchema = z.strictObject({ id: alertIdSchema, ...alertMoveSchema.shape }).superRefine(({ id, ...move }, ctx) => {
  void id;
  const checked = alertMoveSchema.safeParse(move);
  if (!checked.success) for (const issue of checked.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
});

export const moveAlertAction = defineAction(
  { actionName: "alerts.move", permission: "alerts:assess", input: moveAlertActionSchema },
  ({ input: { id, ...move }, actor }) => moveAlert(actor, id, move),
);
