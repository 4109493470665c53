// Browser-safe: sign-in and sign-out against next-auth's endpoints without next-auth/react. Its signIn()
// throws on our JSON 429/503 answers; here every answer becomes a result the form can show.

/**
 * Where to go after signing in: the given path if it stays on this site, else "/". Only a path with a
 * single leading "/" qualifies: "//host" and "/\host" are read by browsers as another host, and tabs and
 * newlines are dropped by the URL parser ("/\t/host" becomes "//host"), so control characters and any
 * backslash are refused as well.
 */
export function safeCallbackUrl(raw: string | null | undefined): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return "/";
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f\u007f-\u009f\\]/.test(raw)) return "/";
  try {
    const base = "http://callback.invalid";
    if (new URL(raw, base).origin !== base) return "/";
  } catch {
    return "/";
  }
  return raw;
}

export type SignInResult =
  | { ok: true }
  | { ok: false; kind: "invalid" | "rate_limited" | "unavailable" | "failed"; message: string };

const WRONG_CREDENTIALS = "Wrong email or password, or the account is disabled.";

/** The message for an `error` code next-auth puts on its redirect URL (Auth.js error types). */
export function signInErrorMessage(code: string): string {
  switch (code) {
    case "CredentialsSignin":
      return WRONG_CREDENTIALS;
    case "MissingCSRF":
      return "The sign-in form expired; please try again.";
    case "AccessDenied":
      return "This account may not sign in here.";
    case "OAuthSignInError":
    case "OAuthCallbackError":
    case "OAuthAccountNotLinked":
    case "CallbackRouteError":
      return "Single sign-on did not complete; please try again or use your email and password.";
    case "Configuration":
      return "Sign-in failed because of a server problem; please try again later.";
    default:
      return "Sign-in failed; please try again.";
  }
}

function errorBodyMessage(body: unknown): string | undefined {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === "string" ? message : undefined;
}

function retryAfterSeconds(header: string | null, body: unknown): number | undefined {
  const fromHeader = header === null ? NaN : Number(header);
  if (Number.isFinite(fromHeader) && fromHeader >= 0) return Math.ceil(fromHeader);
  const fromBody = (body as { error?: { details?: { retryAfterSeconds?: unknown } } } | null)?.error?.details?.retryAfterSeconds;
  return typeof fromBody === "number" && Number.isFinite(fromBody) ? Math.ceil(fromBody) : undefined;
}

/**
 * Reads the answer to POST /api/auth/callback/credentials sent with `X-Auth-Return-Redirect: 1`:
 * next-auth answers 200 `{ url }`, and a failed sign-in is an `error` search param on that url; our
 * route answers 429 (too many attempts) and 503 (store down) itself, with the JSON error body.
 */
export function interpretSignInAnswer(status: number, retryAfter: string | null, body: unknown): SignInResult {
  if (status === 429) {
    const seconds = retryAfterSeconds(retryAfter, body);
    return {
      ok: false,
      kind: "rate_limited",
      message: seconds === undefined ? "Too many attempts; try again later." : `Too many attempts; try again in ${seconds} s.`,
    };
  }
  if (status === 503) return { ok: false, kind: "unavailable", message: "Sign-in is unavailable right now; please try again later." };
  if (status < 200 || status >= 300) {
    return { ok: false, kind: "failed", message: errorBodyMessage(body) ?? `Sign-in failed (HTTP ${status}).` };
  }
  const url = (body as { url?: unknown } | null)?.url;
  if (typeof url !== "string") return { ok: false, kind: "failed", message: "Sign-in failed: unexpected answer from the server." };
  let error: string | null;
  try {
    error = new URL(url, "http://callback.invalid").searchParams.get("error");
  } catch {
    return { ok: false, kind: "failed", message: "Sign-in failed: unexpected answer from the server." };
  }
  if (error === null) return { ok: true };
  return { ok: false, kind: error === "CredentialsSignin" ? "invalid" : "failed", message: signInErrorMessage(error) };
}

async function readJson(response: Response): Promise<unknown> {
  return (await response.json().catch(() => null)) as unknown;
}

/** GET /api/auth/csrf: the token, and next-auth's CSRF cookie that must come back with it. */
export async function fetchCsrfToken(): Promise<string> {
  const response = await fetch("/api/auth/csrf", { headers: { accept: "application/json" }, cache: "no-store" });
  const body = await readJson(response);
  const token = (body as { csrfToken?: unknown } | null)?.csrfToken;
  if (!response.ok || typeof token !== "string") {
    throw new Error(response.status === 503 ? "Sign-in is unavailable right now; please try again later." : "Could not start sign-in; please reload the page.");
  }
  return token;
}

function postAuthForm(path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json", "X-Auth-Return-Redirect": "1" },
    body: new URLSearchParams(fields),
    cache: "no-store",
  });
}

/** Email and password sign-in. On `{ ok: true }` the session cookie is set; navigate with a full page load. */
export async function signInWithPassword(input: { email: string; password: string; callbackUrl: string }): Promise<SignInResult> {
  let csrfToken: string;
  try {
    csrfToken = await fetchCsrfToken();
  } catch (error) {
    return { ok: false, kind: "failed", message: error instanceof Error ? error.message : "Could not start sign-in." };
  }
  const response = await postAuthForm("/api/auth/callback/credentials", {
    email: input.email,
    password: input.password,
    csrfToken,
    callbackUrl: safeCallbackUrl(input.callbackUrl),
  });
  return interpretSignInAnswer(response.status, response.headers.get("retry-after"), await readJson(response));
}

/**
 * Starts single sign-on: next-auth answers with the identity provider's URL (and sets its state, PKCE
 * and nonce cookies). A fetch rather than a submitted <form>: the page CSP's `form-action 'self'` also
 * covers the redirect after a form post, so Chromium would block the hop to the provider.
 */
export async function startSingleSignOn(callbackUrl: string): Promise<string> {
  const csrfToken = await fetchCsrfToken();
  const response = await postAuthForm("/api/auth/signin/oidc", { csrfToken, callbackUrl: safeCallbackUrl(callbackUrl) });
  const body = await readJson(response);
  const url = (body as { url?: unknown } | null)?.url;
  if (!response.ok || typeof url !== "string") {
    throw new Error(errorBodyMessage(body) ?? "Single sign-on could not start; please try again.");
  }
  const target = new URL(url, window.location.origin);
  // next-auth sends errors back to /signin?error=…; anything else is the provider's authorize URL.
  const error = target.origin === window.location.origin ? target.searchParams.get("error") : null;
  if (error !== null) throw new Error(signInErrorMessage(error));
  if (target.protocol !== "https:" && target.protocol !== "http:") throw new Error("Single sign-on could not start; please try again.");
  return target.toString();
}

/** Ends the session server-side and clears the cookie; the caller then navigates to /signin. */
export async function signOutOfSession(): Promise<void> {
  const csrfToken = await fetchCsrfToken();
  const response = await postAuthForm("/api/auth/signout", { csrfToken, callbackUrl: "/signin" });
  if (!response.ok) throw new Error(errorBodyMessage(await readJson(response)) ?? `Sign-out failed (HTTP ${response.status}).`);
}
