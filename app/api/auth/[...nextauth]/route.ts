// GET, POST /api/auth/* – next-auth: CSRF token, credentials and OIDC sign-in, sign-out, session (public)
import type { NextRequest } from "next/server";
import { readBodyBytes } from "@/lib/api/read-body";
import { withApi } from "@/lib/api/with-api";
import { parseCredentialsForm } from "@/lib/auth/credentials-form";
import { handlers } from "@/lib/auth/next-auth";
import { limitPasswordAttempts } from "@/lib/auth/sign-in";
import { assertBootReady } from "@/lib/boot/boot-state";

export const GET = withApi({ route: "GET /api/auth/[...nextauth]", permission: "public" }, async ({ req }) =>
  handlers.GET(req as NextRequest),
);

// A credentials form is a few hundred bytes; anything much larger is not a sign-in.
const MAX_SIGN_IN_BODY_BYTES = 16 * 1024;

export const POST = withApi({ route: "POST /api/auth/[...nextauth]", permission: "public" }, async ({ req }) => {
  // Password attempts are limited here, before next-auth, so the answer can be a real 429. The body is
  // read the one way next-auth will read it (or refused), so the limit counts the email it checks.
  if (new URL(req.url).pathname.endsWith("/callback/credentials")) {
    assertBootReady();
    const text = new TextDecoder().decode(await readBodyBytes(req.clone(), MAX_SIGN_IN_BODY_BYTES));
    const { email } = parseCredentialsForm(req.headers.get("content-type"), text);
    if (email.trim() !== "") await limitPasswordAttempts(email, req, "auth.sign_in");
  }
  return handlers.POST(req as NextRequest);
});
