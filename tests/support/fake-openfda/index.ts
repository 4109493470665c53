// Public entry of the fake openFDA test server (see server.ts for the control surface).
export { startFakeOpenFda, type FakeOpenFda, type StartFakeOpenFdaOptions } from "./server";
export { GENERATED_HEADER_VALUE } from "./api-handler";
export type { FaultRule, RecordedRequest } from "./types";
