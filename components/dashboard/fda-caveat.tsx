// FDA's mandatory caveats (domain.md §3.5), shown wherever report counts are shown.

const DRUG_CAVEAT = [
  "Adverse event reports submitted to FDA do not undergo extensive validation or verification. Therefore, a causal relationship cannot be established between product and reactions listed in a report.",
  "Adverse event reports represent a small percentage of total usage numbers of a product; common products may have more reports because more people use them. The counts cannot be used to estimate the incidence of these events.",
  "When a report lists multiple drugs and multiple reactions, there is no way to conclude from the data that a given drug is responsible for a given reaction. The drug role (suspect or concomitant) is not validated.",
  "Do not rely on openFDA to make decisions regarding medical care; assume all results are unvalidated.",
];

const DEVICE_CAVEAT = [
  "MAUDE is a passive surveillance system with potentially incomplete, inaccurate, untimely, unverified or biased data; the incidence or prevalence of an event cannot be determined from it.",
  "MDR data alone cannot be used to establish rates of events, evaluate a change in event rates over time or compare event rates between devices.",
  "Variations in trade, product and company names affect search results. Submission of a report is not an admission that the device caused or contributed to the event.",
  "Do not rely on openFDA to make decisions regarding medical care; assume all results are unvalidated.",
];

export function FdaCaveat({ kind }: { kind: "drug" | "device" }) {
  const lines = kind === "drug" ? DRUG_CAVEAT : DEVICE_CAVEAT;
  return (
    <aside className="rounded border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900" aria-label="FDA caveat" data-testid="fda-caveat">
      <h2 className="mb-2 font-semibold">FDA caveat — read before interpreting these numbers</h2>
      <ul className="list-disc space-y-1 pl-5">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </aside>
  );
}
