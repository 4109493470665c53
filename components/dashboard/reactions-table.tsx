import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import type { ReactionsResponse } from "@/lib/schemas/faers-response";

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

type Term = ReactionsResponse["terms"][number];

export function ReactionsTable({ data }: { data: ReactionsResponse }) {
  const columns: DataTableColumn<Term>[] = [
    { key: "term", header: data.termKind, cell: (t) => t.term },
    { key: "count", header: "Reports", align: "right", cell: (t) => t.count.toLocaleString("en-US") },
    { key: "share", header: "Share of reports", align: "right", cell: (t) => percent(t.share) },
  ];
  return (
    <DataTable
      caption={`Top ${data.termKind} terms by number of reports`}
      columns={columns}
      rows={data.terms}
      rowKey={(t) => t.term}
      density="compact"
      className="text-sm"
      testId="reactions-table"
    />
  );
}
