import type { SignalRow, SignalsResponse } from "@/lib/schemas/signals-response";

const num = (n: number, digits = 2) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function Ratio({ value, reason }: { value: SignalRow["prr"]; reason?: string }) {
  if (!value) return <span title={reason}>— </span>;
  return (
    <span>
      {num(value.value)} <span className="text-slate-400">({num(value.lower95)}–{num(value.upper95)})</span>
    </span>
  );
}

function Flag({ on, label }: { on: boolean; label: string }) {
  return on ? <span className="mr-1 rounded bg-red-100 px-1 text-red-800">{label}</span> : null;
}

/** MGPS signal rule: the 5th percentile of the EBGM posterior is at least 2. */
const EB05_SIGNAL = 2;

/** Disproportionality per reaction term; a flag shows which standard rule the term meets. */
export function SignalsTable({ data }: { data: SignalsResponse }) {
  // EBGM needs a prior fitted over every drug–event pair: the FAERS file source gives it, openFDA does not.
  const hasEbgm = data.signals.some((s) => s.ebgm !== null);
  const ebgmNote = data.signals.find((s) => s.ebgm !== null)?.ebgmReason ?? data.signals[0]?.ebgmReason ?? "";
  return (
    <div className="space-y-2">
      <p className="text-xs text-slate-500">
        {data.roleCaveat} Drug reports: {data.totals.drugReports.toLocaleString("en-US")}; all reports:{" "}
        {data.totals.allReports.toLocaleString("en-US")}.
      </p>
      <table className="w-full text-xs" data-testid="signals-table">
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-500">
            <th className="py-1 font-medium">Reaction (PT)</th>
            <th className="py-1 text-right font-medium">a</th>
            <th className="py-1 text-right font-medium">Expected</th>
            <th className="py-1 text-right font-medium">PRR (95% CI)</th>
            <th className="py-1 text-right font-medium">χ² (Yates)</th>
            <th className="py-1 text-right font-medium">ROR (95% CI)</th>
            <th className="py-1 text-right font-medium">IC025</th>
            {hasEbgm ? <th className="py-1 text-right font-medium">EBGM (EB05)</th> : null}
            <th className="py-1 font-medium">Signals</th>
          </tr>
        </thead>
        <tbody>
          {data.signals.map((s) => (
            <tr key={s.event} className="border-b border-slate-100" data-event={s.event}>
              <td className="py-1">{s.event}</td>
              <td className="py-1 text-right tabular-nums" data-testid="signal-a">
                {s.table?.a ?? s.inconsistent?.margins.a}
              </td>
              <td className="py-1 text-right tabular-nums">{s.expected === null ? "—" : num(s.expected)}</td>
              <td className="py-1 text-right tabular-nums">
                <Ratio value={s.prr} reason={s.nullReasons.prr} />
              </td>
              <td className="py-1 text-right tabular-nums">{s.chiSquare ? num(s.chiSquare.yates) : "—"}</td>
              <td className="py-1 text-right tabular-nums">
                <Ratio value={s.ror} reason={s.nullReasons.ror} />
              </td>
              <td className="py-1 text-right tabular-nums">{s.ic ? num(s.ic.ic025) : "—"}</td>
              {hasEbgm ? (
                <td className="py-1 text-right tabular-nums" data-testid="signal-ebgm">
                  {s.ebgm ? (
                    <span>
                      {num(s.ebgm.value)} <span className="text-slate-400">({num(s.ebgm.eb05)})</span>
                    </span>
                  ) : (
                    <span title={s.ebgmReason}>—</span>
                  )}
                </td>
              ) : null}
              <td className="py-1">
                <Flag on={s.flags.evans.signal} label="Evans" />
                <Flag on={s.flags.ror.signal} label="ROR" />
                <Flag on={s.flags.ic.signal} label="IC" />
                <Flag on={s.ebgm !== null && s.ebgm.eb05 >= EB05_SIGNAL} label="EB05" />
                {s.inconsistent ? (
                  <span className="rounded bg-amber-100 px-1 text-amber-900" title={s.inconsistent.reasons.map((r) => r.message).join(" ")}>
                    Inconsistent counts: no measures
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-slate-500">
        Rules: Evans = PRR ≥ 2, Yates χ² ≥ 4 and a ≥ 3; ROR = lower 95% bound &gt; 1 and a ≥ 3; IC = IC025 &gt; 0 and a ≥ 3
        {hasEbgm ? "; EB05 = EB05 ≥ 2" : ""}. {hasEbgm ? "EBGM: " : "EBGM is not available: "}
        {ebgmNote} Disproportionality generates hypotheses; it does not measure risk.
      </p>
    </div>
  );
}
