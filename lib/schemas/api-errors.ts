import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors/error-codes";

// The one error body every route answers with (lib/api/respond.ts builds it): the contract the API
// document names "ErrorBody", and e2e specs check real error answers against.

const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export const errorBodySchema = z.object({
  error: z.object({
    /** One code per HTTP status (lib/errors/error-codes.ts). */
    code: z.enum(ERROR_CODES),
    /** What went wrong and what to do, in a sentence for a person. */
    message: z.string(),
    /** Machine-readable extras, e.g. `{ issues: [{ path, message }] }` for invalid input. */
    details: z.unknown().optional(),
  }),
});
