import { z } from "zod";
import { emailProblem } from "@/lib/auth/email-rules";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-rules";
import { ROLES } from "@/lib/auth/roles";

// Inputs and outputs of the account, token and admin routes.

/** No invisible characters and no mixed alphabets in any part (lib/auth/email-rules.ts). */
export function refuseLookalikeEmail(value: string, ctx: z.RefinementCtx): void {
  const problem = emailProblem(value);
  if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
}

export const emailSchema = z
  .string({ message: "email is required" })
  .trim()
  .max(254, { message: "email is at most 254 characters" })
  // name@domain with no spaces; intranet domains (admin@localhost) are allowed.
  .regex(/^[^\s@]+@[^\s@]+$/, { message: "must be an email address such as analyst@example.com" })
  .superRefine(refuseLookalikeEmail);

export const passwordSchema = z
  .string({ message: "password is required" })
  .min(PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(PASSWORD_MAX_LENGTH, { message: `password must be at most ${PASSWORD_MAX_LENGTH} characters` });

export const roleSchema = z.enum(ROLES, { message: `role must be one of ${ROLES.join(", ")}` });

/** POST /api/auth/token — only shape checks; a wrong password is a 401, not a 400. */
export const tokenRequestSchema = z
  .object({
    email: z.string({ message: "email is required" }).min(1, { message: "email is required" }).max(254).superRefine(refuseLookalikeEmail),
    password: z.string({ message: "password is required" }).min(1, { message: "password is required" }).max(PASSWORD_MAX_LENGTH),
  })
  .strict();

export const tokenResponseSchema = z.object({
  token: z.string(),
  tokenType: z.literal("Bearer"),
  expiresAt: z.iso.datetime(),
});

export const createUserSchema = z.object({ email: emailSchema, password: passwordSchema, role: roleSchema }).strict();

const userChangeFields = {
  role: roleSchema.optional(),
  disabled: z.boolean({ message: "disabled must be true or false" }).optional(),
  password: passwordSchema.optional(),
};
const NEEDS_A_CHANGE = { message: "give at least one of role, disabled, password" };

export const updateUserSchema = z
  .object(userChangeFields)
  .strict()
  .refine((value) => Object.keys(value).length > 0, NEEDS_A_CHANGE);

export const publicUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  provider: z.enum(["credentials", "oidc"]),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type PublicUser = z.infer<typeof publicUserSchema>;

export const createPersonalTokenSchema = z
  .object({
    name: z
      .string({ message: "name is required" })
      .trim()
      .min(1, { message: "name is required" })
      .max(80, { message: "name is at most 80 characters" })
      .regex(/^[\p{L}\p{N} ._\-()]+$/u, { message: "name may contain letters, digits, spaces and . _ - ( )" }),
    expiresInDays: z
      .number({ message: "expiresInDays must be a whole number of days" })
      .int({ message: "expiresInDays must be a whole number of days" })
      .min(1, { message: "expiresInDays must be at least 1" })
      .max(366, { message: "expiresInDays must be at most 366" })
      .nullable()
      .optional(),
  })
  .strict();

export const personalTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  userId: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
});
export type PersonalTokenInfo = z.infer<typeof personalTokenSchema>;

/** Path ids are opaque random strings; anything else cannot exist. */
export const resourceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

// Server action inputs (lib/actions). The id is a field where the API has it in the path; a string that
// cannot be an id is "not found", as in the path. Everything else is the API's own schema and messages.
const actionIdSchema = z.string({ message: "id is required" }).max(256, { message: "id is at most 256 characters" });

export const byIdActionSchema = z.object({ id: actionIdSchema }).strict();

export const updateUserActionSchema = z
  .object({ id: actionIdSchema, ...userChangeFields })
  .strict()
  .refine((value) => Object.keys(value).some((key) => key !== "id"), NEEDS_A_CHANGE);
