// Product names against a server whose `.exact` fields are case-sensitive, as openFDA's are
// (not_analyzed keywords): the fake holds the 535 real MAUDE bone-cement reports, whose
// device_name (FDA's classification name) is stored in title case ("Bone Cement").
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { PipelineDeps } from "@/lib/pipeline/deps";
import { getReactions, getTrend } from "@/lib/pipeline/questions";
import { reactionsQuerySchema, trendQuerySchema } from "@/lib/schemas/faers-query";
import { startFakeOpenFda, type FakeOpenFda } from "@/tests/support/fake-openfda";
import { fakeOpenFdaDeps, TEST_ASK } from "@/tests/support/pipeline-deps";
import { sharedDataPath } from "@/tests/support/shared-data";

// Independent of the fake's CSV reader: every cell of this file is quoted except a bare NA (checked
// below), so a cell is `"…"` with `""` escapes, or NA.
const csvLines = readFileSync(sharedDataPath("mds_maude_bone_cement", "maude_bone_cement_2017.csv"), "utf8").trim().split("\n");
const cells = (line: string) => [...line.matchAll(/"((?:[^"]|"")*)"|NA/g)].map((m) => (m[1] ?? "").replaceAll('""', '"'));
const [header = [], ...rows] = csvLines.map(cells);
const column = (name: string) => header.indexOf(name);

/** Reports whose brand name or device name (the fake also serves it as generic_name) is one of `names`. */
function reportsNamed(names: string[]): number {
  const wanted = new Set(names);
  const brand = column("brand_name");
  const device = column("device_name");
  return rows.filter((r) => wanted.has(r[brand] ?? "") || wanted.has(r[device] ?? "")).length;
}

let fake: FakeOpenFda;
const deps = (): PipelineDeps => fakeOpenFdaDeps(fake.url);

beforeAll(async () => {
  fake = await startFakeOpenFda();
});
afterAll(async () => {
  await fake.close();
});

test("the raw file parses into 535 rows of 14 cells", () => {
  expect(rows).toHaveLength(535);
  expect(rows.every((r) => r.length === 14)).toBe(true);
});

describe("a device searched by name matches the casing it is stored in", () => {
  // "Bone Cement" as typed, upper-cased and title-cased: only the title-cased one is stored.
  const BONE_CEMENT = 253;

  test("the independent count of reports named Bone Cement is 253", () => {
    expect(reportsNamed(["Bone Cement", "BONE CEMENT"])).toBe(BONE_CEMENT);
  });

  test.each(["Bone Cement", "bone cement", "BONE CEMENT", "  bone   Cement "])("trend and reactions for device=%j count 253 reports", async (name) => {
    const d = deps();
    const trend = await getTrend(trendQuerySchema.parse({ device: name, interval: "year", from: "2017-01-01", to: "2017-12-31" }), TEST_ASK, d);
    expect(trend.body.total).toBe(BONE_CEMENT);
    expect(trend.body.series).toEqual([expect.objectContaining({ period: "2017", count: BONE_CEMENT })]);
    const reactions = await getReactions(reactionsQuerySchema.parse({ device: name }), TEST_ASK, d);
    expect(reactions.body.total).toBe(BONE_CEMENT);
    expect(reactions.body.provenance.rules.join(" ")).toContain("Title Case");
  });

  test("a brand name stored in upper case is found when typed in lower case", async () => {
    const expected = reportsNamed(["REFOBACIN BONE CEMENT R"]);
    expect(expected).toBe(100);
    const { body } = await getTrend(trendQuerySchema.parse({ device: "refobacin bone cement r", interval: "year" }), TEST_ASK, deps());
    expect(body.total).toBe(expected);
  });

  test("any typed casing finds the title-cased name; part of a name finds nothing (the match is exact)", async () => {
    // "bONE cEMENT" → upper "BONE CEMENT", title "Bone Cement": found through the title case.
    const { body } = await getTrend(trendQuerySchema.parse({ device: "bONE cEMENT", interval: "year" }), TEST_ASK, deps());
    expect(body.total).toBe(BONE_CEMENT);
    const partial = await getTrend(trendQuerySchema.parse({ device: "Bone", interval: "year" }), TEST_ASK, deps());
    expect(partial.body.total).toBe(0);
  });
});
