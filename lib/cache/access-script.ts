import { createHash } from "node:crypto";

/**
 * One Redis round trip for a bearer-token request: read the user record (and the personal token's
 * record), and — only when the credential may act on this route — count the request in the API's
 * sliding window. Replaces three or four sequential round trips (token, user, rate limit).
 *
 * The window part is @upstash/ratelimit 2.2.0's single-region `slidingWindow` limit script, on the
 * same keys (`<prefix>:<hashed identifier>:<window index>`), so this path and the library (used by
 * server actions and every other policy) count into one counter with one arithmetic.
 *
 * The "may act" check mirrors lib/auth/principal.ts (`activeUser`) and lib/auth/authorize.ts (role):
 * a revoked or disabled credential, or a role without the permission, is answered without counting,
 * as before (the limiter used to run after authorization). The app re-checks everything in
 * TypeScript from the records returned; the Lua check only decides whether to count.
 *
 * KEYS: user, window current, window previous[, personal token]
 * ARGV: user id, auth version ("" for none), ",role,role,", limit, now ms, window ms
 * Reply: { user JSON | nil, token JSON | nil, outcome, remaining, limit }; outcome 1 counted,
 * 0 over the limit (not counted), -1 not counted because the credential may not act here.
 */
export const ACCESS_CHECK_SCRIPT = `
local limit = tonumber(ARGV[4])
local user = redis.call("GET", KEYS[1])
local token = false
if KEYS[4] then
  token = redis.call("GET", KEYS[4])
  if not token then return {user, token, -1, 0, limit} end
  local ok, t = pcall(cjson.decode, token)
  if not ok or type(t) ~= "table" or t.userId ~= ARGV[1] then return {user, token, -1, 0, limit} end
end
if not user then return {user, token, -1, 0, limit} end
local ok, u = pcall(cjson.decode, user)
if not ok or type(u) ~= "table" or u.id ~= ARGV[1] or u.disabled ~= false or type(u.role) ~= "string" then
  return {user, token, -1, 0, limit}
end
if ARGV[2] ~= "" and u.authVersion ~= tonumber(ARGV[2]) then return {user, token, -1, 0, limit} end
if not string.find(ARGV[3], "," .. u.role .. ",", 1, true) then return {user, token, -1, 0, limit} end

-- @upstash/ratelimit slidingWindowLimitScript (single region, no dynamic limit, increment 1)
local now = ARGV[5]
local window = ARGV[6]
local current = redis.call("GET", KEYS[2])
if current == false then current = 0 end
local previous = redis.call("GET", KEYS[3])
if previous == false then previous = 0 end
local percentageInCurrent = (now % window) / window
previous = math.floor((1 - percentageInCurrent) * previous)
if previous + current >= limit then return {user, token, 0, -1, limit} end
local newValue = redis.call("INCRBY", KEYS[2], 1)
if newValue == 1 then redis.call("PEXPIRE", KEYS[2], window * 2 + 1000) end
return {user, token, 1, limit - (newValue + previous), limit}
`;

export const ACCESS_CHECK_SHA1 = createHash("sha1").update(ACCESS_CHECK_SCRIPT).digest("hex");

export type AccessCheckInput = {
  userKey: string;
  /** The personal token's record key, when the credential is one. */
  tokenKey?: string;
  userId: string;
  /** The credential's auth version (API tokens, sessions); none for personal tokens. */
  authVersion?: number;
  /** Roles that hold the route's permission. */
  roles: readonly string[];
  limit: number;
  windowMs: number;
  /** The window's keys without the index: `<prefix>:<policy>:<hashed identifier>`. */
  windowKey: string;
  now: number;
};

export type AccessOutcome = "counted" | "over-limit" | "not-counted";

export type AccessReply = {
  user: string | null;
  token: string | null;
  outcome: AccessOutcome;
  /** As @upstash/ratelimit reports them: remaining ≥ 0, reset = end of the current window (epoch ms). */
  remaining: number;
  limit: number;
  resetAt: number;
};

export function accessCheckKeysAndArgs(input: AccessCheckInput): { keys: string[]; args: string[] } {
  const index = Math.floor(input.now / input.windowMs);
  const keys = [input.userKey, `${input.windowKey}:${index}`, `${input.windowKey}:${index - 1}`];
  if (input.tokenKey !== undefined) keys.push(input.tokenKey);
  const args = [
    input.userId,
    input.authVersion === undefined ? "" : String(input.authVersion),
    `,${input.roles.join(",")},`,
    String(input.limit),
    String(input.now),
    String(input.windowMs),
  ];
  return { keys, args };
}

const OUTCOMES: Record<number, AccessOutcome> = { 1: "counted", 0: "over-limit", [-1]: "not-counted" };

/** The script's reply, checked: anything of another shape is a store failure, never a decision. */
export function decodeAccessReply(reply: unknown, input: AccessCheckInput): AccessReply {
  if (!Array.isArray(reply) || reply.length !== 5) throw new Error("unexpected reply from the access script");
  const [user, token, outcome, remaining, limit] = reply as unknown[];
  const code = Number(outcome);
  const decoded = OUTCOMES[code];
  if (
    (user !== null && typeof user !== "string") ||
    (token !== null && typeof token !== "string") ||
    decoded === undefined ||
    !Number.isFinite(Number(remaining)) ||
    !Number.isFinite(Number(limit))
  ) {
    throw new Error("unexpected reply from the access script");
  }
  const index = Math.floor(input.now / input.windowMs);
  return {
    user,
    token,
    outcome: decoded,
    remaining: Math.max(0, Number(remaining)),
    limit: Number(limit),
    resetAt: (index + 1) * input.windowMs,
  };
}
