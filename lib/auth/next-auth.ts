import "server-only";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { emailProblem } from "@/lib/auth/email-rules";
import { recordAudit } from "@/lib/audit/record-audit";
import { sessionUser } from "@/lib/auth/principal";
import { getAuthSecrets } from "@/lib/auth/secret";
import { SESSION_ABSOLUTE_SECONDS, SESSION_COOKIE_NAME } from "@/lib/auth/session-policy";
import { startSession } from "@/lib/auth/sessions";
import { verifyCredentials } from "@/lib/auth/sign-in";
import { signOutSession } from "@/lib/auth/use-cases/sign-out-session";
import { createUser, findUserByEmail, getUser } from "@/lib/auth/users";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { tokenRequestSchema } from "@/lib/schemas/accounts";

// Browser sign-in. next-auth owns the flow (CSRF token, cookies, OIDC); the session cookie is an
// encrypted JWT that only names a server-side session record (lib/auth/sessions.ts), which is where
// idle timeout, absolute lifetime and revocation are enforced on every request.

function oidcProviders(): NextAuthConfig["providers"] {
  const env = getEnv();
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return [];
  return [
    {
      id: "oidc",
      name: "Single sign-on",
      type: "oidc",
      issuer: env.OIDC_ISSUER,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      checks: ["pkce", "state", "nonce"],
    },
  ];
}

/** An OIDC sign-in maps to our user by verified email; a first-time user starts as viewer. */
async function userForOidc(email: string): Promise<{ id: string; authVersion: number } | null> {
  const existing = await findUserByEmail(email);
  if (existing) return existing.disabled ? null : existing;
  const created = await createUser({ email, password: null, role: "viewer", provider: "oidc" });
  await recordAudit({
    action: "user.created",
    outcome: "success",
    actor: { userId: created.id, email: created.email, via: "oidc" },
    target: { type: "user", id: created.id, label: created.email },
    source: {},
    details: { role: created.role, provider: "oidc" },
  });
  return created;
}

/** The next-auth configuration, built per request from env (exported for its settings test). */
export function authConfig(): NextAuthConfig {
  return {
    secret: getAuthSecrets(),
    trustHost: true,
    useSecureCookies: true,
    session: { strategy: "jwt", maxAge: SESSION_ABSOLUTE_SECONDS },
    cookies: {
      sessionToken: {
        name: SESSION_COOKIE_NAME,
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
      },
    },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      Credentials({
        credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, request) {
          const parsed = tokenRequestSchema.safeParse({ email: raw.email, password: raw.password });
          if (!parsed.success) return null;
          try {
            const user = await verifyCredentials(parsed.data, request, "auth.sign_in");
            return { id: user.id, email: user.email };
          } catch {
            // Wrong password and an unavailable store both end here: no session either way.
            return null;
          }
        },
      }),
      ...oidcProviders(),
    ],
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        // A lookalike or invisible-character email from the provider names no account here.
        return typeof profile?.email === "string" && profile.email_verified !== false && emailProblem(profile.email) === null;
      },
      async jwt({ token, user, account, profile }) {
        // An existing cookie (e.g. GET /api/auth/session): re-issued only while its server-side session
        // lives; null makes next-auth clear it rather than refresh a revoked session's cookie.
        if (!user) return (await sessionUser(token)) ? token : null;
        // First call after a successful sign-in: bind the cookie to a new server-side session.
        const stored =
          account?.provider === "oidc" && typeof profile?.email === "string"
            ? await userForOidc(profile.email)
            : user.id
              ? await getUser(user.id)
              : null;
        if (!stored) throw new Error("user not found at sign-in");
        const sid = await startSession(stored.id, stored.authVersion);
        if (account?.provider === "oidc") {
          await recordAudit({ action: "auth.sign_in", outcome: "success", actor: { userId: stored.id, via: "oidc" }, source: {} });
        }
        return { sub: stored.id, sid };
      },
      async session({ session, token }) {
        // Pages read the principal server-side; the client-visible session carries nothing more.
        return { ...session, user: { ...session.user, id: typeof token.sub === "string" ? token.sub : "" } };
      },
    },
    events: {
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        if (token && typeof token.sid === "string") {
          await signOutSession({ sessionId: token.sid, userId: typeof token.sub === "string" ? token.sub : undefined });
        }
      },
    },
    logger: {
      // next-auth's default logger prints whole error objects; keep only its type (e.g. CredentialsSignin).
      error: (error) => logger.warn("auth.error", { type: "type" in error && typeof error.type === "string" ? error.type : error.name }),
      warn: (code) => logger.warn("auth.warning", { code }),
      debug: () => undefined,
    },
  };
}

export const { handlers, signOut } = NextAuth(() => authConfig());
