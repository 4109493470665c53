// Test-side sign-in over real HTTP: the same flows a browser or a script uses (next-auth credentials
// with its CSRF cookie, POST /api/auth/token, the admin users API). No shortcuts into the server.
import { readFileSync } from "node:fs";
import path from "node:path";

export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const APP_ORIGIN = `http://localhost:${APP_PORT}`;
export const SESSION_COOKIE = "__Host-authjs.session-token";
export const ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password-123" };
export const ROLE_PASSWORD = "e2e-role-password-456";
export const AUTH_STATE_DIR = path.join(import.meta.dirname, ".auth");

export type Role = "viewer" | "analyst" | "admin";
export type E2eAuthState = {
  users: Record<Role, { id: string; email: string; password: string }>;
  sessionCookies: Record<Role, string>;
  /** An analyst's personal access token, for API specs. */
  analystPat: string;
};

export function readAuthState(): E2eAuthState {
  return JSON.parse(readFileSync(path.join(AUTH_STATE_DIR, "state.json"), "utf8")) as E2eAuthState;
}

function cookiesFrom(response: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair?.indexOf("=") ?? -1;
    if (pair && eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return jar;
}

/** Signs in through next-auth's credentials flow and returns the raw fetch response of the callback. */
export async function postCredentials(
  email: string,
  password: string,
  origin = APP_ORIGIN,
  headers: Record<string, string> = {},
): Promise<{ response: Response; cookies: Map<string, string> }> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const csrfCookies = cookiesFrom(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-auth-return-redirect": "1",
      origin,
      cookie: [...csrfCookies].map(([k, v]) => `${k}=${v}`).join("; "),
      ...headers,
    },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${origin}/` }),
  });
  return { response, cookies: cookiesFrom(response) };
}

/** The session cookie value for a successful sign-in; throws otherwise. */
export async function signInForCookie(email: string, password: string, origin = APP_ORIGIN): Promise<string> {
  const { response, cookies } = await postCredentials(email, password, origin);
  const value = cookies.get(SESSION_COOKIE);
  if (!value) throw new Error(`sign-in as ${email} failed: ${response.status} ${await response.text()}`);
  return value;
}

export async function issueToken(email: string, password: string, origin = APP_ORIGIN): Promise<Response> {
  return fetch(`${origin}/api/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
}

export async function bearerFor(email: string, password: string, origin = APP_ORIGIN): Promise<string> {
  const response = await issueToken(email, password, origin);
  if (!response.ok) throw new Error(`token for ${email}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** Creates a user through the admin API (or finds the existing one). */
export async function ensureUser(adminBearer: string, email: string, password: string, role: Role, origin = APP_ORIGIN) {
  const created = await fetch(`${origin}/api/admin/users`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminBearer}`, "content-type": "application/json" },
    body: JSON.stringify({ email, password, role }),
  });
  if (created.status === 201) return ((await created.json()) as { user: { id: string; email: string } }).user;
  const list = await fetch(`${origin}/api/admin/users`, { headers: { authorization: `Bearer ${adminBearer}` } });
  const { users } = (await list.json()) as { users: { id: string; email: string }[] };
  const user = users.find((u) => u.email === email);
  if (!user) throw new Error(`could not create ${email}: ${created.status} ${await created.text()}`);
  return user;
}

export function cookieHeader(value: string): string {
  return `${SESSION_COOKIE}=${value}`;
}

/** A Playwright storage state holding one session cookie for localhost. */
export function storageStateFor(cookieValue: string) {
  return {
    cookies: [
      {
        name: SESSION_COOKIE,
        value: cookieValue,
        domain: "localhost",
        path: "/",
        expires: Math.floor(Date.now() / 1000) + 12 * 3600,
        httpOnly: true,
        secure: true,
        sameSite: "Lax" as const,
      },
    ],
    origins: [],
  };
}
