/**
 * Invalid forecasting input (the caller's mistake, never a bug): the API layer maps it to 400
 * `invalid_input`. `field` names the offending input; the message says what to change.
 */
export class ForecastInputError extends Error {
  readonly code = "invalid_input" as const;
  readonly field: "values" | "frequency" | "horizon" | "levels" | "seed";

  constructor(field: ForecastInputError["field"], message: string) {
    super(message);
    this.name = "ForecastInputError";
    this.field = field;
  }
}
