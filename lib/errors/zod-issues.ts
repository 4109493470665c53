import type { ZodError } from "zod";

/** Zod issues as `{ path, message }` pairs a person can act on (the API and server actions both say these). */
export function describeZodIssues(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join(".") || "(root)", message: issue.message }));
}

export function zodErrorMessage(error: ZodError): string {
  return describeZodIssues(error)
    .map((issue) => (issue.path === "(root)" ? issue.message : `${issue.path}: ${issue.message}`))
    .join("; ");
}

/** A body that failed its schema, as the 400 says it: the message and the first 50 issues. */
export function describeBodyProblem(error: ZodError): { message: string; details: { issues: { path: string; message: string }[] } } {
  return { message: zodErrorMessage(error), details: { issues: describeZodIssues(error).slice(0, 50) } };
}
