// The generated document is OpenAPI 3.1 in shape, and every schema in it is valid JSON Schema 2020-12
// (compiled by ajv), so the e2e specs can check real answers against it.
import { describe, expect, test } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi/build-document";
import { ROUTE_PERMISSIONS } from "@/lib/auth/route-permissions";
import { createDocumentValidator } from "@/tests/support/openapi-validator";

// Read as plain JSON, the way a client reads it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const document: Json = JSON.parse(JSON.stringify(buildOpenApiDocument({ publicUrl: "https://cer.example.com/", version: "9.9.9" })));
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const operations = Object.entries<Json>(document.paths).flatMap(([path, item]) =>
  Object.entries<Json>(item).filter(([m]) => METHODS.includes(m)).map(([method, op]) => ({ path, method, op: op as Json })),
);

describe("document structure", () => {
  test("is OpenAPI 3.1.0 with info, the server from AUTH_URL, and security schemes", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.info).toMatchObject({ title: expect.any(String), version: "9.9.9" });
    expect(document.servers).toEqual([expect.objectContaining({ url: "https://cer.example.com" })]);
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(["apiToken", "metricsToken", "personalToken", "sessionCookie"]);
    expect(document.components.securitySchemes.sessionCookie).toMatchObject({ type: "apiKey", in: "cookie" });
  });

  test("without AUTH_URL the server is the origin the document came from", () => {
    expect(buildOpenApiDocument({ publicUrl: undefined, version: "1" }).servers).toEqual([expect.objectContaining({ url: "/" })]);
  });

  test("every path is templated with {name} and declares each of its path parameters", () => {
    for (const { path, op } of operations) {
      expect(path).toMatch(/^\/api(\/[A-Za-z0-9._-]+|\/\{[A-Za-z]+\})*$/);
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []).filter((p: Json) => p.in === "path").map((p: Json) => p.name);
      expect(declared.sort(), path).toEqual(names.sort());
      for (const p of op.parameters ?? []) if (p.in === "path") expect(p.required).toBe(true);
    }
  });

  test("operations have unique ids, a tag the document lists, a summary and at least one response", () => {
    const tags = new Set(document.tags.map((t: { name: string }) => t.name));
    const ids = operations.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, op } of operations) {
      expect(op.tags.every((t: string) => tags.has(t)), `${method} ${path} tags`).toBe(true);
      expect(op.summary).toBeTruthy();
      expect(Object.keys(op.responses).length).toBeGreaterThan(0);
      for (const status of Object.keys(op.responses)) expect(status).toMatch(/^[1-5]\d\d$|^default$/);
    }
  });

  test("public operations need no credential; the others take any user credential and name their permission", () => {
    for (const { path, method, op } of operations) {
      const key = `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, "[$1]")}`;
      const permission = op["x-permission"];
      expect(Object.values(ROUTE_PERMISSIONS)).toContain(permission);
      if (key === "GET /api/metrics") {
        expect(op.security).toContainEqual({ metricsToken: [] });
      } else if (permission === "public") {
        expect(op.security, key).toEqual([]);
      } else {
        expect(op.security, key).toEqual([{ apiToken: [] }, { personalToken: [] }, { sessionCookie: [] }]);
        expect(op.description).toContain(permission);
        expect(op.responses["401"], key).toBeDefined();
        expect(op.responses["403"], key).toBeDefined();
      }
    }
  });

  test("every error response is the one error body", () => {
    for (const { path, method, op } of operations) {
      for (const [status, response] of Object.entries<Json>(op.responses)) {
        // Health and readiness answer 503 with their own body; Auth.js answers its bad requests itself.
        if (Number(status) < 400 || path === "/api/health" || path === "/api/ready") continue;
        if (path === "/api/auth/{nextauth}" && status === "400") continue;
        expect(response.content["application/json"].schema, `${method} ${path} ${status}`).toEqual({ $ref: "#/components/schemas/ErrorBody" });
      }
    }
  });

  test("the main endpoints carry examples", () => {
    const example = (path: string, method: string, status: string) => document.paths[path]?.[method]?.responses?.[status]?.content?.["application/json"] as { example?: unknown };
    expect(example("/api/faers/trend", "get", "200")?.example).toBeDefined();
    expect(example("/api/auth/token", "post", "200")?.example).toBeDefined();
    expect(example("/api/reports", "post", "202")?.example).toBeDefined();
    expect((document.paths["/api/reports"]?.post as Json).requestBody.content["application/json"].example).toBeDefined();
  });

  test("special media types: PDF download, SSE stream, Prometheus text", () => {
    expect(Object.keys((document.paths["/api/reports/{id}/pdf"]?.get as Json).responses["200"].content)).toEqual(["application/pdf"]);
    expect(Object.keys((document.paths["/api/alerts/stream"]?.get as Json).responses["200"].content)).toEqual(["text/event-stream"]);
    expect(Object.keys((document.paths["/api/metrics"]?.get as Json).responses["200"].content)[0]).toMatch(/^text\/plain/);
  });
});

describe("schemas are valid JSON Schema 2020-12", () => {
  const validator = createDocumentValidator(document);

  test.each(Object.keys(document.components.schemas))("component %s compiles", (name) => {
    expect(() => validator.componentValidator(name)).not.toThrow();
  });

  test("every response schema and every request body schema compiles", () => {
    let compiled = 0;
    for (const { path, op } of operations) {
      const bodies = [...Object.values<Json>(op.responses), ...(op.requestBody ? [op.requestBody] : [])];
      for (const response of bodies) {
        for (const media of Object.values<Json>(response.content ?? {})) {
          if (!media.schema) continue;
          expect(() => validator.ajv.compile(validator.toAjvRefs(media.schema) as object), path).not.toThrow();
          compiled++;
        }
      }
    }
    expect(compiled).toBeGreaterThan(100);
  });

  test("the error schema accepts a real error body and refuses a made-up code", () => {
    const validate = validator.responseValidator("GET /api/faers/trend", 400);
    expect(validate({ error: { code: "invalid_input", message: "give one product", details: { issues: [] } } })).toBe(true);
    expect(validate({ error: { code: "teapot", message: "no" } })).toBe(false);
    expect(validate({ message: "no" })).toBe(false);
  });

  test("the trend schema accepts its own example and refuses a body without provenance", () => {
    const validate = validator.responseValidator("GET /api/faers/trend", 200);
    const example = (document.paths["/api/faers/trend"]?.get as Json).responses["200"].content["application/json"].example;
    expect(validate(example)).toBe(true);
    const withoutProvenance = structuredClone(example);
    delete withoutProvenance.provenance;
    expect(validate(withoutProvenance)).toBe(false);
  });
});
