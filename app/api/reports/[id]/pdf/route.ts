// GET /api/reports/{id}/pdf – the CER as a PDF attachment, with its SHA-256 as ETag (reports:create — owner or admin; others 404)
import { pathParam } from "@/lib/api/path-param";
import { withApi } from "@/lib/api/with-api";
import { actorFromRequest, auditBy } from "@/lib/auth/audit-context";
import { recordAudit } from "@/lib/audit/record-audit";
import { getReportPdf } from "@/lib/reports/use-cases/read-reports";

export const GET = withApi({ route: "GET /api/reports/[id]/pdf", permission: "reports:create" }, async ({ req, params, principal }) => {
  const { record, pdf } = await getReportPdf(principal, pathParam(params, "id"));
  const etag = `"${record.pdf?.sha256 ?? ""}"`;
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers: { etag } });
  await recordAudit({ action: "report.downloaded", outcome: "success", ...auditBy(actorFromRequest(principal, req)), target: { type: "report", id: record.id } });
  const filename = `${record.id}.pdf`;
  return new Response(new Blob([pdf as Uint8Array<ArrayBuffer>], { type: "application/pdf" }), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${filename}"`,
      "content-length": String(pdf.byteLength),
      etag,
      "cache-control": "private, no-cache",
      "x-pdf-sha256": record.pdf?.sha256 ?? "",
    },
  });
});
