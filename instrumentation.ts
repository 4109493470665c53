import { EnvError, getEnv, getNextRuntime } from "@/lib/env";

// Fails the server at boot on a bad env, naming the variable, instead of on the first request.
export async function register(): Promise<void> {
  if (getNextRuntime() !== "nodejs") return;
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
