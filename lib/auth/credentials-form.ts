import { AppError } from "@/lib/errors/app-error";

// The credentials callback's body, read the one way Auth.js will read it. Auth.js parses JSON whenever
// the content type merely contains "application/json" and keeps the LAST of repeated form fields, so
// a body we read differently (first field, other parser) would let the sign-in limit count one email
// while the password is checked for another (issue #9). Anything ambiguous is refused instead.

// Exactly the form type, optionally with charset=utf-8 (quoted or not); no other parameters.
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(?:;\s*charset\s*=\s*(?:utf-8|"utf-8")\s*)?$/i;

export type CredentialsForm = { email: string };

/** Throws 415 for any other content type and 400 for a field given twice; returns the email to limit. */
export function parseCredentialsForm(contentType: string | null, bodyText: string): CredentialsForm {
  if (contentType === null || !FORM_TYPE.test(contentType.trim())) {
    throw new AppError({
      code: "unsupported_media_type",
      message: 'Sign-in expects a form body with "Content-Type: application/x-www-form-urlencoded" (optionally "; charset=utf-8") and nothing else.',
    });
  }
  const params = new URLSearchParams(bodyText);
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (seen.has(key)) {
      throw new AppError({ code: "invalid_input", message: `The sign-in form has the field "${key}" more than once; send each field once.` });
    }
    seen.add(key);
  }
  return { email: params.get("email") ?? "" };
}
