import { AppError } from "@/lib/errors/app-error";
import { resourceIdSchema } from "@/lib/schemas/accounts";

export function userNotFound(): AppError {
  return new AppError({ code: "not_found", message: "No user with that id." });
}

/** Ids are random; one that cannot be an id cannot exist. */
export function userIdOrThrow(raw: string): string {
  const id = resourceIdSchema.safeParse(raw);
  if (!id.success) throw userNotFound();
  return id.data;
}
