import { readFileSync } from "node:fs";
import path from "node:path";
import { test as base } from "@playwright/test";
import { AUTH_STATE_DIR, readAuthState } from "./auth";
import { sharedDataPath } from "../support/shared-data";

export const OPENFDA_CONTROL = `http://127.0.0.1:${process.env.E2E_OPENFDA_PORT ?? 4010}/__control`;

type RawRecord = {
  safetyreportid: string;
  receivedate: string;
  serious?: string;
  patient?: {
    patientsex?: string;
    drug?: { medicinalproduct?: string; openfda?: { brand_name?: string[]; generic_name?: string[] } }[];
    reaction?: { reactionmeddrapt?: string }[];
  };
};

export const rawDrugRecords = JSON.parse(
  readFileSync(sharedDataPath("openfda_drug_event", "drug_event_limit100_results_2025.json"), "utf8"),
) as RawRecord[];

/** Reports naming a drug by brand or generic name or as reported — counted here, independently of the app. */
export function reportsNaming(name: string): RawRecord[] {
  const upper = name.toUpperCase();
  return rawDrugRecords.filter((r) =>
    r.patient?.drug?.some(
      (d) => d.openfda?.brand_name?.includes(upper) || d.openfda?.generic_name?.includes(upper) || d.medicinalproduct === upper,
    ),
  );
}

export async function addFault(rule: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${OPENFDA_CONTROL}/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(rule),
  });
  if (!response.ok) throw new Error(`fault not accepted: ${response.status}`);
}

export async function clearFaults(): Promise<void> {
  await fetch(`${OPENFDA_CONTROL}/faults`, { method: "DELETE" });
}

/** API specs call as an analyst with a personal access token (made in global-setup through the API). */
export const apiTest = base.extend({
  // Playwright's fixture callback is named `provide` here: ESLint takes a function named `use` for React's hook.
  extraHTTPHeaders: async ({}, provide) => {
    await provide({ authorization: `Bearer ${readAuthState().analystPat}` });
  },
});

/** Page specs browse as a signed-in viewer (the lowest role that may read analytics). */
export const viewerTest = base.extend({
  storageState: async ({}, provide) => {
    await provide(path.join(AUTH_STATE_DIR, "viewer.json"));
  },
});

/** Report pages browse as a signed-in analyst (the lowest role that may request CERs). */
export const analystPageTest = base.extend({
  storageState: async ({}, provide) => {
    await provide(path.join(AUTH_STATE_DIR, "analyst.json"));
  },
});
