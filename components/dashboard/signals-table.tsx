import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
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

const fixed = (value: number | null | undefined) => (value === null || value === undefined ? "—" : num(value));

function signalColumns(hasEbgm: boolean): DataTableColumn<SignalRow>[] {
  const ebgm: DataTableColumn<SignalRow> = {
    key: "ebgm",
    header: "EBGM (EB05)",
    align: "right",
    cellProps: () => ({ "data-testid": "signal-ebgm" }),
    cell: (s) =>
      s.ebgm ? (
        <span>
          {num(s.ebgm.value)} <span className="text-slate-400">({num(s.ebgm.eb05)})</span>
        </span>
      ) : (
        <span title={s.ebgmReason}>—</span>
      ),
  };
  return [
    { key: "event", header: "Reaction (PT)", cell: (s) => s.event },
    { key: "a", header: "a", align: "right", cellProps: () => ({ "data-testid": "signal-a" }), cell: (s) => s.table?.a ?? s.inconsistent?.margins.a },
    { key: "expected", header: "Expected", align: "right", cell: (s) => fixed(s.expected) },
    { key: "prr", header: "PRR (95% CI)", align: "right", cell: (s) => <Ratio value={s.prr} reason={s.nullReasons.prr} /> },
    { key: "chi", header: "χ² (Yates)", align: "right", cell: (s) => fixed(s.chiSquare?.yates) },
    { key: "ror", header: "ROR (95% CI)", align: "right", cell: (s) => <Ratio value={s.ror} reason={s.nullReasons.ror} /> },
    { key: "ic", header: "IC025", align: "right", cell: (s) => fixed(s.ic?.ic025) },
    ...(hasEbgm ? [ebgm] : []),
    {
      key: "flags",
      header: "Signals",
      cell: (s) => (
        <>
          <Flag on={s.flags.evans.signal} label="Evans" />
          <Flag on={s.flags.ror.signal} label="ROR" />
          <Flag on={s.flags.ic.signal} label="IC" />
          <Flag on={s.ebgm !== null && s.ebgm.eb05 >= EB05_SIGNAL} label="EB05" />
          {s.inconsistent ? (
            <span className="rounded bg-amber-100 px-1 text-amber-900" title={s.inconsistent.reasons.map((r) => r.message).join(" ")}>
              Inconsistent counts: no measures
            </span>
          ) : null}
        </>
      ),
    },
  ];
}

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
      <DataTable
        caption="Disproportionality by reaction term"
        columns={signalColumns(hasEbgm)}
        rows={data.signals}
        rowKey={(s) => s.event}
        rowProps={(s) => ({ "data-event": s.event })}
        density="compact"
        testId="signals-table"
      />
      <p className="text-xs text-slate-500">
        Rules: Evans = PRR ≥ 2, Yates χ² ≥ 4 and a ≥ 3; ROR = lower 95% bound &gt; 1 and a ≥ 3; IC = IC025 &gt; 0 and a ≥ 3
        {hasEbgm ? "; EB05 = EB05 ≥ 2" : ""}. {hasEbgm ? "EBGM: " : "EBGM is not available: "}
        {ebgmNote} Disproportionality generates hypotheses; it does not measure risk.
      </p>
    </div>
  );
}
