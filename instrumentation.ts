// Runs once when the server starts. NEXT_RUNTIME is read here (not through lib/env.ts) because Next
// replaces it at build time, which keeps the Node-only boot code out of the edge bundle.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { markBootStarting } = await import("@/lib/boot/boot-state");
    markBootStarting();
    const { checkEnvAtBoot } = await import("@/lib/boot/check-env-at-boot");
    checkEnvAtBoot();
    // Before anything else runs, so boot's own work can be traced; a no-op without OTEL_EXPORTER_OTLP_ENDPOINT.
    const { startTracing } = await import("@/lib/observability/tracing");
    startTracing();
    const { checkFaersDataDirAtBoot } = await import("@/lib/boot/check-faers-data-dir");
    await checkFaersDataDirAtBoot();
    const { getAuthSecrets } = await import("@/lib/auth/secret");
    try {
      getAuthSecrets();
    } catch (error) {
      // Like a bad env value: stop at boot with the reason, not on the first sign-in.
      console.error(`[cer-analytics] ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
    const { ensureFirstAdminWithRetry } = await import("@/lib/boot/ensure-first-admin");
    ensureFirstAdminWithRetry();
    // The local job provider resumes any run a previous process left unfinished (durable in the store).
    const { startLocalJobsIfEnabled } = await import("@/lib/jobs/get-job-provider");
    startLocalJobsIfEnabled();
  }
}
