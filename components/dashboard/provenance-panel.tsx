import type { Provenance } from "@/lib/schemas/faers-response";

/** Where a number came from: source, exact queries, data date, retrieval time, cache and rules. */
export function ProvenancePanel({ title, provenance }: { title: string; provenance: Provenance }) {
  return (
    <details className="rounded border border-slate-200 bg-white p-3 text-xs text-slate-600" data-testid="provenance">
      <summary className="cursor-pointer font-medium text-slate-700">Where these numbers come from: {title}</summary>
      <dl className="mt-2 grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1">
        <dt className="font-medium">Source</dt>
        <dd>{provenance.source}</dd>
        <dt className="font-medium">openFDA data updated</dt>
        <dd>{provenance.lastUpdated ?? "not stated by openFDA"}</dd>
        <dt className="font-medium">Retrieved</dt>
        <dd>
          {provenance.retrievedAt} (cache: {provenance.cache})
        </dd>
        <dt className="font-medium">Search</dt>
        <dd className="break-all font-mono">{provenance.search}</dd>
        <dt className="font-medium">Queries</dt>
        <dd>
          <ul className="space-y-1">
            {provenance.queries.map((q) => (
              <li key={q} className="break-all font-mono">
                {q}
              </li>
            ))}
          </ul>
        </dd>
        <dt className="font-medium">Rules applied</dt>
        <dd>
          <ul className="list-disc pl-4">
            {provenance.rules.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <span>Normalization rules version {provenance.normalizationRulesVersion}</span>
        </dd>
      </dl>
    </details>
  );
}
