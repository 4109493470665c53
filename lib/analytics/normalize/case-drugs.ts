import type { CaseDrug } from "@/lib/schemas/case-report";
import { toCleanUpperText } from "./clean-text";
import { toDrugRole } from "./drug-event-codes";
import type { DrugEventRuleId } from "./drug-event-rules";
import { normalizeMedicinalProduct } from "./medicinal-product";
import type { QualityTally } from "./quality-tally";
import type { RawDrug } from "./raw-drug-event-schema";

/** Upper-cased, trimmed, non-empty names in their original order, without repeats. */
function toNameList(raw: readonly string[] | undefined): string[] {
  const names = new Set<string>();
  for (const value of raw ?? []) {
    const name = toCleanUpperText(value);
    if (name) names.add(name);
  }
  return [...names];
}

function toSortedUnion(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

interface DrugDraft {
  drug: CaseDrug;
  medicinalProductCleaned: boolean;
}

/**
 * Normalizes `patient.drug[]` of one report.
 * - name: the first `openfda.generic_name` in openFDA's order (nameSource "openfda"), else the cleaned
 *   `medicinalproduct` (nameSource "medicinalproduct"); a drug with neither is dropped. openFDA's
 *   order is used rather than the sorted list because sorting can put a category first
 *   (["CALCIUM CARBONATE", "ANTACID"] would give "ANTACID").
 * - role from `drugcharacterization`; genericNames/brandNames upper-cased, de-duplicated, sorted;
 *   activeSubstance from `activesubstance.activesubstancename`, upper-cased, or null.
 * - entries with the same name and role are one drug: names are unioned, the first active substance
 *   kept, and nameSource is "openfda" if any of the entries got the name from openFDA.
 * Output keeps first-seen order.
 */
export function toCaseDrugs(rawDrugs: readonly RawDrug[], tally: QualityTally<DrugEventRuleId>): CaseDrug[] {
  const drafts = new Map<string, DrugDraft>();
  for (const rawDrug of rawDrugs) {
    const genericNames = toNameList(rawDrug.openfda?.generic_name);
    const brandNames = toNameList(rawDrug.openfda?.brand_name);
    const firstGeneric = genericNames[0];
    let name: string;
    let nameSource: CaseDrug["nameSource"];
    let medicinalProductCleaned = false;
    if (firstGeneric !== undefined) {
      name = firstGeneric;
      nameSource = "openfda";
    } else {
      const rawProduct = rawDrug.medicinalproduct ?? "";
      name = normalizeMedicinalProduct(rawProduct);
      nameSource = "medicinalproduct";
      medicinalProductCleaned = name !== rawProduct;
    }
    if (name === "") {
      tally.drop("drug.no_name_dropped");
      continue;
    }

    const role = toDrugRole(rawDrug.drugcharacterization);
    if (role.unrecognized) tally.change("code.unrecognized_value");
    const activeSubstance = toCleanUpperText(rawDrug.activesubstance?.activesubstancename) || null;

    const key = `${name}\u0000${role.value}`;
    const existing = drafts.get(key);
    if (existing) {
      existing.drug.genericNames = toSortedUnion(existing.drug.genericNames, genericNames);
      existing.drug.brandNames = toSortedUnion(existing.drug.brandNames, brandNames);
      existing.drug.activeSubstance ??= activeSubstance;
      // A repeat whose name openFDA confirmed upgrades the merged drug's name source.
      if (nameSource === "openfda" && existing.drug.nameSource !== "openfda") {
        existing.drug.nameSource = "openfda";
        existing.medicinalProductCleaned = false;
      }
      tally.drop("drug.duplicate_merged");
      continue;
    }
    drafts.set(key, {
      drug: {
        name,
        nameSource,
        role: role.value,
        genericNames: [...genericNames].sort(),
        brandNames: [...brandNames].sort(),
        activeSubstance,
      },
      medicinalProductCleaned,
    });
  }

  // Counted on the kept drugs so the numbers describe the output, not merged-away repeats.
  const drugs: CaseDrug[] = [];
  for (const { drug, medicinalProductCleaned } of drafts.values()) {
    if (drug.nameSource === "medicinalproduct") tally.change("drug.name_from_medicinalproduct");
    if (medicinalProductCleaned) tally.change("drug.medicinalproduct_cleaned");
    drugs.push(drug);
  }
  return drugs;
}
