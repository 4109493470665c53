import { normalizeDeviceEvents, normalizeDrugEvents } from "@/lib/analytics/normalize";
import { AppError } from "@/lib/errors/app-error";

export type EventKind = "drug" | "device";

/** A whole openFDA response ({ meta, results }), a list of records, or one record → the list of records. */
export function toRecordList(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (json && typeof json === "object") {
    const results = (json as { results?: unknown }).results;
    if (Array.isArray(results)) return results;
    return [json];
  }
  throw new AppError({ code: "invalid_input", message: "Send an openFDA event record, a list of records, or a whole openFDA response ({ meta, results })." });
}

/** drug/event records carry `safetyreportid`; device/event records carry `mdr_report_key`. */
export function detectEventKind(records: unknown[]): EventKind {
  const has = (key: string) => records.some((r) => r !== null && typeof r === "object" && key in r);
  if (has("safetyreportid")) return "drug";
  if (has("mdr_report_key")) return "device";
  throw new AppError({
    code: "invalid_input",
    message: "Could not tell drug from device records: drug/event records have safetyreportid, device/event records have mdr_report_key. Pass ?kind=drug or ?kind=device.",
  });
}

export function normalizeOpenFdaJson(json: unknown, kind?: EventKind) {
  const records = toRecordList(json);
  const resolved = kind ?? detectEventKind(records);
  const result = resolved === "drug" ? normalizeDrugEvents(records) : normalizeDeviceEvents(records);
  return { kind: resolved, source: "openFDA JSON", reports: result.reports, quality: result.quality };
}
