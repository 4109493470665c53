// `npm run openfda:fake`: serves the fake openFDA for Playwright (PORT, default 4010, on 127.0.0.1).
import { startFakeOpenFda } from "./server";

const port = Number(process.env.PORT ?? "4010");
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`fake-openfda: invalid PORT ${process.env.PORT ?? ""}`);
  process.exit(1);
}

const fake = await startFakeOpenFda({ port, host: "127.0.0.1" });
console.log(`fake-openfda listening on ${fake.url} (answers are GENERATED from recorded records)`);

let stopping = false;
const stop = (signal: NodeJS.Signals): void => {
  if (stopping) return;
  stopping = true;
  console.log(`fake-openfda: ${signal}, shutting down`);
  fake.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
