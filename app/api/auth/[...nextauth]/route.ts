// GET, POST /api/auth/* – next-auth: CSRF token, credentials and OIDC sign-in, sign-out, session (public)
import type { NextRequest } from "next/server";
import { invalidInput } from "@/lib/errors/app-error";
import { withApi } from "@/lib/api/with-api";
import { handlers } from "@/lib/auth/next-auth";
import { limitPasswordAttempts } from "@/lib/auth/sign-in";
import { assertBootReady } from "@/lib/boot/boot-state";

export const GET = withApi({ route: "GET /api/auth/[...nextauth]", permission: "public" }, async ({ req }) =>
  handlers.GET(req as NextRequest),
);

export const POST = withApi({ route: "POST /api/auth/[...nextauth]", permission: "public" }, async ({ req }) => {
  // Password attempts are limited here, before next-auth, so the answer can be a real 429.
  if (new URL(req.url).pathname.endsWith("/callback/credentials")) {
    assertBootReady();
    let email: FormDataEntryValue | null;
    try {
      email = (await req.clone().formData()).get("email");
    } catch {
      throw invalidInput("Sign-in expects a form body (application/x-www-form-urlencoded) with email and password.");
    }
    if (typeof email === "string" && email.trim() !== "") await limitPasswordAttempts(email, req);
  }
  return handlers.POST(req as NextRequest);
});
