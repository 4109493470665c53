import type { Breakdown } from "@/lib/schemas/faers-response";

/** One breakdown (e.g. sex) as a table with proportional bars; shares are of all matching reports. */
export function BreakdownCard({ breakdown, total }: { breakdown: Breakdown; total: number }) {
  return (
    <section className="rounded border border-slate-200 bg-white p-3" data-testid={`breakdown-${breakdown.id}`}>
      <h3 className="mb-2 text-sm font-semibold">{breakdown.label}</h3>
      <table className="w-full text-xs">
        <tbody>
          {breakdown.items.map((item) => {
            const share = total > 0 ? item.count / total : 0;
            return (
              <tr key={item.key} data-key={item.key}>
                <td className="w-2/5 py-0.5 pr-2">{item.label}</td>
                <td className="py-0.5">
                  {/* An SVG bar, not style={{ width }}: the CSP allows no inline style attributes (style-src is nonce-only). */}
                  <svg className="block h-2 w-full" aria-hidden focusable="false">
                    <rect width={`${Math.round(share * 100)}%`} height="100%" rx="4" className="fill-indigo-500" />
                  </svg>
                </td>
                <td className="w-16 py-0.5 text-right tabular-nums" data-testid="breakdown-count">
                  {item.count.toLocaleString("en-US")}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {breakdown.note ? <p className="mt-2 text-xs text-slate-500">{breakdown.note}</p> : null}
    </section>
  );
}
