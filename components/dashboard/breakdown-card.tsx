import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import type { Breakdown } from "@/lib/schemas/faers-response";

type Item = Breakdown["items"][number];

/** One breakdown (e.g. sex) as a table with proportional bars; shares are of all matching reports. */
export function BreakdownCard({ breakdown, total }: { breakdown: Breakdown; total: number }) {
  const columns: DataTableColumn<Item>[] = [
    { key: "label", header: "Value", className: "w-2/5", cell: (item) => item.label },
    {
      key: "share",
      header: "Share of reports",
      cell: (item) => {
        const share = total > 0 ? item.count / total : 0;
        // An SVG bar, not style={{ width }}: the CSP allows no inline style attributes (style-src is nonce-only).
        return (
          <svg className="block h-2 w-full" aria-hidden focusable="false">
            <rect width={`${Math.round(share * 100)}%`} height="100%" rx="4" className="fill-indigo-500" />
          </svg>
        );
      },
    },
    { key: "count", header: "Reports", align: "right", className: "w-16", cellProps: () => ({ "data-testid": "breakdown-count" }), cell: (item) => item.count.toLocaleString("en-US") },
  ];
  return (
    <section className="rounded border border-slate-200 bg-white p-3" data-testid={`breakdown-${breakdown.id}`}>
      <h3 className="mb-2 text-sm font-semibold">{breakdown.label}</h3>
      <DataTable
        caption={`Reports by ${breakdown.label.toLowerCase()}`}
        columns={columns}
        rows={breakdown.items}
        rowKey={(item) => item.key}
        rowProps={(item) => ({ "data-key": item.key })}
        headersHidden
        density="compact"
      />
      {breakdown.note ? <p className="mt-2 text-xs text-slate-500">{breakdown.note}</p> : null}
    </section>
  );
}
