/** Browser sessions: 12 h absolute lifetime, 30 min idle (ASVS 7.3.1/7.3.2). */
export const SESSION_ABSOLUTE_SECONDS = 12 * 3600;
export const SESSION_IDLE_SECONDS = 30 * 60;
/** lastSeen is written at most this often, so a busy page costs one write a minute, not one per request. */
export const SESSION_TOUCH_SECONDS = 60;
/** __Host-: Secure, Path=/, no Domain — the cookie cannot be set or read by a sibling subdomain. */
export const SESSION_COOKIE_NAME = "__Host-authjs.session-token";
