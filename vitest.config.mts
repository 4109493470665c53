import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // Tests run lib code outside React Server Components; the guard's server build is an empty module.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    include: ["tests/**/*.test.{ts,tsx}"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    env: { LOG_LEVEL: "silent" },
    // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses;
    // letting Vite process it resolves the import the way Next's bundler does.
    server: { deps: { inline: ["next-auth"] } },
  },
});
