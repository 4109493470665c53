import { describe, expect, test } from "vitest";
import { ACTION_ORIGIN_MESSAGES, actionOriginRefusal } from "@/lib/http/action-origin";

const byHost = { publicUrl: undefined, host: "localhost:3000" };
const byPublicUrl = { publicUrl: "https://cer.example.com", host: "internal:3000" };

describe("without a configured public URL: Origin's host must be the Host header", () => {
  test.each([
    ["this site", "http://localhost:3000", null],
    ["this site, another scheme (only the host is known)", "https://localhost:3000", null],
    ["no Origin (Next lets it run)", null, ACTION_ORIGIN_MESSAGES.missing],
    ["an empty Origin", " ", ACTION_ORIGIN_MESSAGES.missing],
    ["Origin null (sandboxed frames, file:)", "null", ACTION_ORIGIN_MESSAGES.null],
    ["another site", "http://evil.example", ACTION_ORIGIN_MESSAGES.foreign],
    ["another port", "http://localhost:3001", ACTION_ORIGIN_MESSAGES.foreign],
    ["a subdomain", "http://a.localhost:3000", ACTION_ORIGIN_MESSAGES.foreign],
    ["not a URL", "localhost:3000 evil", ACTION_ORIGIN_MESSAGES.foreign],
  ])("%s", (_label, origin, expected) => {
    expect(actionOriginRefusal(origin, byHost)).toBe(expected);
  });

  test("no Host header: nothing is this site", () => {
    expect(actionOriginRefusal("http://localhost:3000", { publicUrl: undefined, host: null })).toBe(ACTION_ORIGIN_MESSAGES.foreign);
  });
});

describe("with AUTH_URL: Origin must be its origin, whatever the Host header says", () => {
  test.each([
    ["the public origin", "https://cer.example.com", null],
    ["the public host over http", "http://cer.example.com", ACTION_ORIGIN_MESSAGES.foreign],
    ["the Host header's own origin (a proxy's upstream name)", "http://internal:3000", ACTION_ORIGIN_MESSAGES.foreign],
    ["another site", "https://evil.example", ACTION_ORIGIN_MESSAGES.foreign],
    ["Origin null", "null", ACTION_ORIGIN_MESSAGES.null],
    ["no Origin", null, ACTION_ORIGIN_MESSAGES.missing],
  ])("%s", (_label, origin, expected) => {
    expect(actionOriginRefusal(origin, byPublicUrl)).toBe(expected);
  });

  test("a public URL with a path compares by origin", () => {
    expect(actionOriginRefusal("https://cer.example.com", { publicUrl: "https://cer.example.com/app", host: null })).toBeNull();
  });
});
