import Ajv2020, { type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

// Checks JSON bodies against the API document's response schemas with ajv's JSON Schema 2020-12
// dialect (OpenAPI 3.1's). Shared by the unit test of the document and the e2e specs.

type Schema = Record<string, unknown>;
type MediaType = { schema?: Schema };
type Operation = { responses?: Record<string, { content?: Record<string, MediaType> }> };
export type ApiDocument = { openapi: string; paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

/** OpenAPI's own annotation keywords inside schemas; JSON Schema validators must not choke on them. */
const OPENAPI_KEYWORDS = ["example", "discriminator", "xml", "externalDocs"];

/** "GET /api/reports/[id]" or "GET /api/reports/{id}" → the path item key and method of the document. */
export function locate(route: string): { path: string; method: string } {
  const [method = "", path = ""] = route.split(" ");
  return { method: method.toLowerCase(), path: path.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, "{$1}") };
}

export function createDocumentValidator(document: ApiDocument) {
  const ajv = new Ajv2020({ strict: true, allErrors: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addVocabulary(OPENAPI_KEYWORDS);
  /** OpenAPI's "#/components/schemas/X" refs, pointed at the one schema that holds the components. */
  const toAjvRefs = (schema: unknown): unknown =>
    JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"urn:cer:components#/$defs/'));
  ajv.addSchema({ $id: "urn:cer:components", $defs: toAjvRefs(document.components?.schemas ?? {}) });
  const cache = new Map<string, ValidateFunction>();

  /** The compiled schema of one component: proves it is valid JSON Schema 2020-12. */
  function componentValidator(name: string): ValidateFunction {
    return ajv.compile({ $ref: `urn:cer:components#/$defs/${name}` });
  }

  /** The response an operation documents for a status; throws when it documents none. */
  function documentedResponse(route: string, status: number) {
    const { path, method } = locate(route);
    const operation = document.paths[path]?.[method];
    if (!operation) throw new Error(`the document has no operation ${route}`);
    const response = operation.responses?.[String(status)] ?? operation.responses?.default;
    if (!response) throw new Error(`${route} documents no ${status} response (it has ${Object.keys(operation.responses ?? {}).join(", ")})`);
    return response;
  }

  /** The media types an operation documents for a status. */
  function mediaTypesOf(route: string, status: number): string[] {
    return Object.keys(documentedResponse(route, status).content ?? {});
  }

  /** The schema an operation documents for a status and media type; throws when it documents none. */
  function responseValidator(route: string, status: number, mediaType = "application/json"): ValidateFunction {
    const key = `${route} ${status} ${mediaType}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const schema = documentedResponse(route, status).content?.[mediaType]?.schema;
    if (!schema) throw new Error(`${route} ${status} documents no ${mediaType} body`);
    const validate = ajv.compile(toAjvRefs(schema) as Schema);
    cache.set(key, validate);
    return validate;
  }

  return { ajv, componentValidator, mediaTypesOf, responseValidator, toAjvRefs };
}

/** ajv's errors as lines a failing assertion can show. */
export function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath || "(body)"} ${e.message ?? ""} ${JSON.stringify(e.params)}`).join("\n");
}
