import "server-only";
import { EnvError, getEnv } from "@/lib/env";

/** Stops the server at boot on a bad env, naming each variable, instead of failing on the first request. */
export function checkEnvAtBoot(): void {
  try {
    getEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`[cer-analytics] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
