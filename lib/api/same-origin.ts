import { AppError } from "@/lib/errors/app-error";
import { isOwnOrigin } from "@/lib/http/action-origin";
import { isAllowedOrigin } from "@/lib/http/cors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function forbidden(message: string): AppError {
  return new AppError({ code: "forbidden", message });
}

/**
 * CSRF defence for state-changing requests (route handlers get none from Next; reliability.md §1.3).
 * A browser always sends Origin on POST/PATCH/DELETE; it must be this site — AUTH_URL's origin (scheme
 * and port included) when configured, else the Host header — or, for bearer-token
 * calls only — an origin on the CORS allow-list. `Origin: null` is refused. A cookie-authenticated
 * change with neither Origin nor `Sec-Fetch-Site: same-origin` is refused too; a bearer token cannot
 * be attached by a foreign page, so scripts without Origin are fine.
 */
export function assertSameOrigin(
  req: Request,
  options: { cookieAuthenticated: boolean; corsOrigins: readonly string[]; publicUrl?: string | undefined },
): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  const origin = req.headers.get("origin");
  const fetchSite = req.headers.get("sec-fetch-site");
  if (origin !== null) {
    if (origin !== "null" && isOwnOrigin(origin, { publicUrl: options.publicUrl, host: req.headers.get("host") })) return;
    if (!options.cookieAuthenticated && isAllowedOrigin(origin, options.corsOrigins)) return;
    throw forbidden(`Cross-origin ${req.method} refused: Origin ${origin === "null" ? "null" : "is not this site"}.`);
  }
  if (fetchSite !== null && fetchSite !== "same-origin" && fetchSite !== "none") {
    throw forbidden(`Cross-site ${req.method} refused (Sec-Fetch-Site: ${fetchSite}).`);
  }
  if (options.cookieAuthenticated && fetchSite === null) {
    throw forbidden(`${req.method} with a session cookie needs an Origin header; browsers send it, scripts should use a bearer token.`);
  }
}
