// /reports – request CERs, follow their progress, download, cancel, compare and verify (reports:create — analyst, admin)
import type { Metadata } from "next";
import { ReportRequestForm, type ReportFormPrefill } from "@/components/reports/report-request-form";
import { ReportsList } from "@/components/reports/reports-list";
import { VerifyPdf } from "@/components/reports/verify-pdf";
import { AccessDenied } from "@/components/ui/access-denied";
import { requirePagePermission } from "@/lib/auth/page-auth";

export const metadata: Metadata = { title: "Reports · CER Analytics" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

/** The product page's "Generate CER" link passes its product, period and spike settings in the query. */
function prefillFrom(search: Search): ReportFormPrefill {
  const kind = one(search.device) ? "device" : one(search.productCode) ? "productCode" : "drug";
  const name = one(search.drug) || one(search.device) || one(search.productCode);
  const spikeParams: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(search)) {
    if (!key.startsWith("params.") || typeof value !== "string") continue;
    const number = Number(value);
    spikeParams[key.slice("params.".length)] = value === "true" ? true : value === "false" ? false : value === "null" ? null : value !== "" && Number.isFinite(number) ? number : value;
  }
  const method = one(search.method);
  return { kind, name, from: one(search.from), to: one(search.to), ...(method ? { spikeMethod: method, spikeParams } : {}) };
}

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const access = await requirePagePermission("reports:create", "/reports");
  if (!access.allowed) return <AccessDenied role={access.principal.role} permission="reports:create" />;
  const prefill = prefillFrom(await searchParams);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Clinical evaluation reports</h1>
      <ReportRequestForm prefill={prefill} />
      <section className="space-y-2" aria-labelledby="reports-heading">
        <h2 id="reports-heading" className="text-lg font-semibold">
          Your reports
        </h2>
        <ReportsList />
      </section>
      <VerifyPdf />
    </div>
  );
}
