import { AppError } from "@/lib/errors/app-error";

// Boot runs in instrumentation's module graph and requests in each route's bundle: the state lives on
// globalThis so both see one copy (as the state store does). No state at all means this process had
// no boot sequence (a test calling a handler directly): there is nothing to wait for.
type BootPhase = "starting" | "ready";
const globalForBoot = globalThis as unknown as { cerBootPhase?: BootPhase };

/** How long a caller is told to wait while the server starts (the first-admin check retries every 0.5 s). */
export const BOOT_RETRY_AFTER_SECONDS = 1;

/** Called first thing at boot: until markBootReady, the server is not ready and refuses sign-ins. */
export function markBootStarting(): void {
  globalForBoot.cerBootPhase = "starting";
}

/** Called once the first admin exists (created now, or found in the store). */
export function markBootReady(): void {
  globalForBoot.cerBootPhase = "ready";
}

export function isBootReady(): boolean {
  return globalForBoot.cerBootPhase !== "starting";
}

/** For sign-in routes: a 503 with Retry-After while the first admin may not exist yet. */
export function assertBootReady(): void {
  if (isBootReady()) return;
  throw new AppError({
    code: "service_unavailable",
    message: "The server is still starting (checking for the first admin); try again in a moment.",
    retryAfterSeconds: BOOT_RETRY_AFTER_SECONDS,
  });
}
