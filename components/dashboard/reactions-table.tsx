import type { ReactionsResponse } from "@/lib/schemas/faers-response";

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

export function ReactionsTable({ data }: { data: ReactionsResponse }) {
  return (
    <table className="w-full text-sm" data-testid="reactions-table">
      <caption className="sr-only">Top {data.termKind} terms by number of reports</caption>
      <thead>
        <tr className="border-b border-slate-200 text-left text-slate-500">
          <th className="py-1 font-medium">{data.termKind}</th>
          <th className="py-1 text-right font-medium">Reports</th>
          <th className="py-1 text-right font-medium">Share of reports</th>
        </tr>
      </thead>
      <tbody>
        {data.terms.map((t) => (
          <tr key={t.term} className="border-b border-slate-100">
            <td className="py-1">{t.term}</td>
            <td className="py-1 text-right tabular-nums">{t.count.toLocaleString("en-US")}</td>
            <td className="py-1 text-right tabular-nums">{percent(t.share)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
