// POST /api/reports/verify – which stored report (that you may see) a PDF is, by its SHA-256 (reports:create — analyst, admin)
import { readBodyBytes } from "@/lib/api/read-body";
import { jsonResponse } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { AppError } from "@/lib/errors/app-error";
import { verifyReportPdf } from "@/lib/reports/use-cases/read-reports";

const MAX_PDF_BYTES = 25 * 1024 * 1024;

export const POST = withApi({ route: "POST /api/reports/verify", permission: "reports:create" }, async ({ req, principal }) => {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/(pdf|octet-stream)\b/i.test(type)) {
    throw new AppError({ code: "unsupported_media_type", message: `Send the PDF itself as the body with "Content-Type: application/pdf" (got "${type || "none"}").` });
  }
  const pdf = await readBodyBytes(req, MAX_PDF_BYTES);
  if (pdf.byteLength < 5 || new TextDecoder().decode(pdf.subarray(0, 5)) !== "%PDF-") {
    throw new AppError({ code: "invalid_input", message: "The body is not a PDF (it does not start with %PDF-)." });
  }
  return jsonResponse(await verifyReportPdf(principal, pdf), { headers: { "cache-control": "no-store" } });
});
