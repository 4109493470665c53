/**
 * Thrown for input a detector cannot use (non-finite values, negative counts, too many points,
 * a series too short for an explicitly requested method). The message says what to change.
 */
export class AnomalyInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AnomalyInputError";
  }
}
