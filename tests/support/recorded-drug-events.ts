// The 100 recorded openFDA drug/event records, read straight from ../shared/data, and the counts tests
// compare the app's answers with — computed here, never by the app or the fake server.
import { readFileSync } from "node:fs";
import { sharedDataPath } from "./shared-data";

export type RecordedDrugEvent = {
  safetyreportid: string;
  receivedate: string;
  patient?: { drug?: { medicinalproduct?: string; openfda?: { brand_name?: string[]; generic_name?: string[] } }[]; reaction?: { reactionmeddrapt?: string }[] };
};

export const recordedDrugEvents = JSON.parse(
  readFileSync(sharedDataPath("openfda_drug_event", "drug_event_limit100_results_2025.json"), "utf8"),
) as RecordedDrugEvent[];

export const namesLetairis = (r: RecordedDrugEvent) =>
  r.patient?.drug?.some((d) => d.openfda?.brand_name?.includes("LETAIRIS") || d.openfda?.generic_name?.includes("LETAIRIS") || d.medicinalproduct === "LETAIRIS") ?? false;

/** openFDA's reactionmeddrapt.exact keyword is upper case. */
export const hasPt = (r: RecordedDrugEvent, pt: string) => r.patient?.reaction?.some((x) => x.reactionmeddrapt?.toUpperCase() === pt) ?? false;

/** The 2×2 table of LETAIRIS and one PT over the records received in [from, to] (YYYYMMDD). */
export function letairisTable(pt: string, from = "20040101", to = "20251231") {
  const inRange = recordedDrugEvents.filter((r) => r.receivedate >= from && r.receivedate <= to);
  const count = (drug: boolean, event: boolean) => inRange.filter((r) => namesLetairis(r) === drug && hasPt(r, pt) === event).length;
  return { a: count(true, true), b: count(true, false), c: count(false, true), d: count(false, false) };
}
