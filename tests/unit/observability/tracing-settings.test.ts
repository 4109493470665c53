import { describe, expect, test } from "vitest";
import { EnvError, parseServerEnv } from "@/lib/env";
import { parseOtlpHeaders, toTracesUrl, tracingSettingsFromEnv } from "@/lib/observability/tracing";
import { APP_VERSION } from "@/lib/version";

describe("tracing settings from env", () => {
  test("no OTEL_EXPORTER_OTLP_ENDPOINT: no tracing", () => {
    expect(tracingSettingsFromEnv(parseServerEnv({}))).toBeNull();
    expect(tracingSettingsFromEnv(parseServerEnv({ OTEL_SERVICE_NAME: "x", OTEL_TRACES_SAMPLE_RATIO: "0.5" }))).toBeNull();
  });

  test("an endpoint: traces go to <endpoint>/v1/traces with the given headers, name and ratio", () => {
    const env = parseServerEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
      OTEL_EXPORTER_OTLP_HEADERS: "x-api-key=abc%3D%3D, x-team = core",
      OTEL_SERVICE_NAME: "cer-prod",
      OTEL_TRACES_SAMPLE_RATIO: "0.25",
    });
    expect(tracingSettingsFromEnv(env)).toEqual({
      url: "http://collector:4318/v1/traces",
      headers: { "x-api-key": "abc==", "x-team": "core" },
      serviceName: "cer-prod",
      serviceVersion: APP_VERSION,
      sampleRatio: 0.25,
    });
  });

  test("defaults: service cer-analytics, every trace kept", () => {
    expect(tracingSettingsFromEnv(parseServerEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "https://otel.example.com" }))).toMatchObject({
      serviceName: "cer-analytics",
      sampleRatio: 1,
      headers: {},
    });
  });

  test.each([
    ["http://collector:4318", "http://collector:4318/v1/traces"],
    ["http://collector:4318/", "http://collector:4318/v1/traces"],
    ["https://otel.example.com/otlp", "https://otel.example.com/otlp/v1/traces"],
    ["https://otel.example.com/otlp/v1/traces", "https://otel.example.com/otlp/v1/traces"],
    ["https://otel.example.com/v1/traces/", "https://otel.example.com/v1/traces"],
  ])("toTracesUrl(%s) = %s", (endpoint, url) => {
    expect(toTracesUrl(endpoint)).toBe(url);
  });

  test("parseOtlpHeaders keeps '=' inside values and a value that is not percent-encoded", () => {
    expect(parseOtlpHeaders("authorization=Basic a2V5Og==,x=100%")).toEqual({ authorization: "Basic a2V5Og==", x: "100%" });
    expect(parseOtlpHeaders(undefined)).toEqual({});
  });
});

describe("a bad OTEL_* value is refused, naming the variable", () => {
  test.each([
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" }, "OTEL_EXPORTER_OTLP_ENDPOINT"],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: "ftp://collector" }, "OTEL_EXPORTER_OTLP_ENDPOINT"],
    [{ OTEL_EXPORTER_OTLP_HEADERS: "no pairs here" }, "OTEL_EXPORTER_OTLP_HEADERS"],
    [{ OTEL_EXPORTER_OTLP_HEADERS: "bad key=1" }, "OTEL_EXPORTER_OTLP_HEADERS"],
    [{ OTEL_SERVICE_NAME: "has spaces" }, "OTEL_SERVICE_NAME"],
    [{ OTEL_TRACES_SAMPLE_RATIO: "1.5" }, "OTEL_TRACES_SAMPLE_RATIO"],
    [{ OTEL_TRACES_SAMPLE_RATIO: "-0.1" }, "OTEL_TRACES_SAMPLE_RATIO"],
    [{ OTEL_TRACES_SAMPLE_RATIO: "half" }, "OTEL_TRACES_SAMPLE_RATIO"],
    [{ READY_OPENFDA_CHECK_SECONDS: "1" }, "READY_OPENFDA_CHECK_SECONDS"],
  ])("%o → names %s", (source, name) => {
    let thrown: unknown;
    try {
      parseServerEnv(source);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvError);
    expect((thrown as EnvError).problems.some((p) => p.startsWith(`${name}:`))).toBe(true);
  });
});
