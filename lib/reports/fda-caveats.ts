// FDA's mandatory caveats, verbatim as FDA publishes them (domain.md §3.5), for the CER PDF. The dashboard
// shows a shortened wording (components/dashboard/fda-caveat.tsx); a CER prints these, each with its source.
// Quoted fragments keep FDA's own quotation marks and ellipses: nothing here is paraphrase of FDA text.

export type FdaCaveat = { text: string; source: string };

const FAERS_API_PAGE = "open.fda.gov, drug adverse event API page (src/pages/apis/drug/event/index.tsx)";
const FAERS_DASHBOARD = "fda.gov, FAERS Public Dashboard page";
const OPENFDA_DISCLAIMER = "openFDA API response meta.disclaimer (api/faers/api.js)";
const MAUDE_PAGE = "open.fda.gov, MAUDE data page and device adverse event page (src/pages/data/maude/_meta.yaml)";

export const OPENFDA_DISCLAIMER_CAVEAT: FdaCaveat = {
  text: "Do not rely on openFDA to make decisions regarding medical care. While we make every effort to ensure that data is accurate, you should assume all results are unvalidated…",
  source: OPENFDA_DISCLAIMER,
};

export const DRUG_CAVEATS: readonly FdaCaveat[] = [
  {
    text: "Adverse event reports submitted to FDA do not undergo extensive validation or verification. Therefore, a causal relationship cannot be established between product and reactions listed in a report.",
    source: FAERS_API_PAGE,
  },
  {
    text: "…adverse event reports represent a small percentage of total usage numbers of a product. Common products may have a higher number of adverse events due to the higher total number of people using the product.",
    source: FAERS_API_PAGE,
  },
  {
    text: "There is no certainty that the reported event (adverse event or medication error) was actually due to the product. FDA does not require that a causal relationship between a product and event be proven…",
    source: FAERS_API_PAGE,
  },
  {
    text: "FDA does not receive reports for every adverse event or medication error… Many factors can influence whether or not an event will be reported, such as the time a product has been marketed and publicity about an event.",
    source: FAERS_API_PAGE,
  },
  {
    text: "Submission of a safety report does not constitute an admission that medical personnel, user facility, importer, distributor, manufacturer or product caused or contributed to the event. The information in these reports has not been scientifically or otherwise verified as to a cause and effect relationship and cannot be used to estimate the incidence of these events.",
    source: FAERS_API_PAGE,
  },
  {
    text: "When a report lists multiple drugs and multiple reactions, there is no way to conclude from the data therein that a given drug is responsible for a given reaction.",
    source: FAERS_API_PAGE,
  },
  { text: "Drug role (suspect/concomitant) \u201cis not validated\u201d.", source: FAERS_API_PAGE },
  { text: "\u201cFAERS data by themselves are not an indicator of the safety profile of the drug or biologic\u201d", source: FAERS_DASHBOARD },
  { text: "\u201cDuplicate and incomplete reports are in the system\u201d", source: FAERS_DASHBOARD },
  { text: "\u201cExistence of a report does not establish causation\u201d", source: FAERS_DASHBOARD },
  OPENFDA_DISCLAIMER_CAVEAT,
];

export const DEVICE_CAVEATS: readonly FdaCaveat[] = [
  {
    text: "MAUDE is passive surveillance with \u201cpotential submission of incomplete, inaccurate, untimely, unverified, or biased data\u201d.",
    source: MAUDE_PAGE,
  },
  { text: "\u201cincidence or prevalence … cannot be determined\u201d", source: MAUDE_PAGE },
  {
    text: "\u201cMDR data alone cannot be used to establish rates of events, evaluate a change in event rates over time or compare event rates between devices\u201d",
    source: MAUDE_PAGE,
  },
  { text: "\u201cVariations in trade, product, and company names affect search results\u201d", source: MAUDE_PAGE },
  { text: "Report submission \u201cis not necessarily an admission\u201d of causation.", source: MAUDE_PAGE },
  {
    text: "\u201c(b)(4)\u201d = trade secret/CCI redaction, \u201c(b)(6)\u201d = personal/medical redaction (FOIA).",
    source: MAUDE_PAGE,
  },
  OPENFDA_DISCLAIMER_CAVEAT,
];

/** The caveats a report prints: FAERS ones for drugs, MAUDE ones for devices and product codes. */
export function fdaCaveatsFor(kind: "drug" | "device" | "productCode"): readonly FdaCaveat[] {
  return kind === "drug" ? DRUG_CAVEATS : DEVICE_CAVEATS;
}
