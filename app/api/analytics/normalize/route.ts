// POST /api/analytics/normalize – openFDA event JSON, or FAERS ASCII files as form data → normalized reports + data quality (analytics:read — viewer, analyst, admin)
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { readBodyBytes, readJsonBody } from "@/lib/api/read-body";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { normalizeFaersUpload } from "@/lib/pipeline/normalize-faers-upload";
import { normalizeOpenFdaJson } from "@/lib/pipeline/normalize-openfda-json";

const MAX_BYTES = 50 * 1024 * 1024;
const normalizeQuerySchema = z.strictObject({ kind: z.enum(["drug", "device"]).optional() });

export const POST = withApi(
  { route: "POST /api/analytics/normalize", permission: "analytics:read", query: normalizeQuerySchema },
  async ({ req, query }) => {
    const type = req.headers.get("content-type") ?? "";
    if (/^multipart\/form-data\b/i.test(type)) {
      const bytes = await readBodyBytes(req, MAX_BYTES);
      let form: FormData;
      try {
        form = await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), { headers: { "content-type": type } }).formData();
      } catch {
        throw new AppError({ code: "invalid_input", message: "The multipart body could not be read; send the files as form-data fields." });
      }
      return jsonResponse(await normalizeFaersUpload(form), { headers: { "cache-control": "no-store" } });
    }
    const json = await readJsonBody(req, MAX_BYTES);
    return jsonResponse(normalizeOpenFdaJson(json, query.kind), { headers: { "cache-control": "no-store" } });
  },
);
