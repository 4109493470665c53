/**
 * Thrown by a worker task when its input is bad (unreadable JSON, a schema violation). The worker sends
 * it back as `{ kind: "input" }`, and the pool turns it into a 400 `invalid_input`. Pure: no AppError
 * here, because workers load no lib/errors or lib/api code.
 */
export class TaskInputError extends Error {
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "TaskInputError";
  }
}
