// Runs once when the server starts. NEXT_RUNTIME is read here (not through lib/env.ts) because Next
// replaces it at build time, which keeps the Node-only boot code out of the edge bundle.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvAtBoot } = await import("@/lib/boot/check-env-at-boot");
    checkEnvAtBoot();
    const { getAuthSecrets } = await import("@/lib/auth/secret");
    getAuthSecrets();
    const { ensureFirstAdminWithRetry } = await import("@/lib/boot/ensure-first-admin");
    ensureFirstAdminWithRetry();
  }
}
