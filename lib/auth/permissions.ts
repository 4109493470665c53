import type { Role } from "@/lib/auth/roles";

/**
 * The one permission table: what each permission needs. "public" needs nothing; every other
 * permission needs a signed-in user (session, API token or personal access token) with one of the roles.
 */
export const PERMISSIONS = {
  public: null,
  /** Own account: profile, own API tokens. */
  "account:manage": ["viewer", "analyst", "admin"],
  /** Read analytics (trends, forecasts, spikes, signals, cases) and run the analytics API. */
  "analytics:read": ["viewer", "analyst", "admin"],
  /** Generate CER reports and download one's own. */
  "reports:create": ["analyst", "admin"],
  /** Create watchlists, change and scan one's own (admins: any). */
  "watchlists:manage": ["analyst", "admin"],
  /** See alerts and the watchlists they come from — those one owns, those shared with one, and (analysts) those shared with all. */
  "alerts:read": ["viewer", "analyst", "admin"],
  /** Move a visible alert through its states (validate, assess, close, dismiss, reopen). */
  "alerts:assess": ["analyst", "admin"],
  /** Every user's reports. */
  "reports:read-all": ["admin"],
  /** Users and roles. */
  "users:manage": ["admin"],
  /** Read the audit log. */
  "audit:read": ["admin"],
  /** Scrape GET /api/metrics when no METRICS_TOKEN is set (with one, only the token may). */
  "metrics:read": ["admin"],
} as const satisfies Record<string, readonly Role[] | null>;

export type Permission = keyof typeof PERMISSIONS;

export function roleHasPermission(role: Role, permission: Permission): boolean {
  const roles: readonly Role[] | null = PERMISSIONS[permission];
  return roles === null || roles.includes(role);
}
