/**
 * Thrown for input a detector cannot use (non-finite values, negative counts, too many points,
 * a series too short for an explicitly requested method or its parameters). The message says what
 * to change; `details.parameter` names the field at fault (e.g. "params.b").
 */
export class AnomalyInputError extends Error {
  readonly details: { parameter: string; [key: string]: unknown } | undefined;

  constructor(message: string, details?: { parameter: string; [key: string]: unknown }) {
    super(message);
    this.name = "AnomalyInputError";
    this.details = details;
  }
}
