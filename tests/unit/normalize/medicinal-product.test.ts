import { describe, expect, test } from "vitest";
import { normalizeMedicinalProduct } from "@/lib/analytics/normalize";

describe("normalizeMedicinalProduct", () => {
  test.each([
    // unchanged names (several seen in the real 2025 sample)
    ["LETAIRIS", "LETAIRIS"],
    ["DURAGESIC-100", "DURAGESIC-100"],
    ["BIBW 2992", "BIBW 2992"],
    ["OS-CAL + D", "OS-CAL + D"],
    ["TACROLIMUS (WATSON LABORATORIES)", "TACROLIMUS (WATSON LABORATORIES)"],
    ["MORPHINE SULFATE (SIMILAR TO NDA 19-516)", "MORPHINE SULFATE (SIMILAR TO NDA 19-516)"],
    ["PARACETAMOL 500", "PARACETAMOL 500"],
    // case, NFKC and whitespace
    ["letairis", "LETAIRIS"],
    ["  Advair   HFA ", "ADVAIR HFA"],
    ["ＬＥＴＡＩＲＩＳ", "LETAIRIS"],
    ["ASPIRIN\u00a0 81", "ASPIRIN 81"],
    // surrounding punctuation
    ["OXYGEN.", "OXYGEN"],
    ["ASPIRIN.", "ASPIRIN"],
    ['"ASPIRIN"', "ASPIRIN"],
    ["-ASPIRIN-", "ASPIRIN"],
    // trailing dose strength
    ["LIPITOR 10 MG", "LIPITOR"],
    ["AMLODIPINE 5MG", "AMLODIPINE"],
    ["MORPHINE 0.5MG/ML", "MORPHINE"],
    ["VITAMIN B12 100MCG", "VITAMIN B12"],
    ["HYDROCORTISONE CREAM 5 %", "HYDROCORTISONE CREAM"],
    ["HYDROCORTISONE 1%", "HYDROCORTISONE"],
    ["ONDANSETRON 4 MG/2 ML", "ONDANSETRON"],
    ["VITAMIN D 1000 IU", "VITAMIN D"],
    ["ASPIRIN 81 MG.", "ASPIRIN"],
    ["ASPIRIN, 81 MG", "ASPIRIN"],
    ["AMLODIPINE 5 MG 10 MG", "AMLODIPINE"],
    ["PARACETAMOL 0,5 G", "PARACETAMOL"],
    // WHO-Drug codes and placeholder qualifiers (both seen in the real 2025 sample)
    ["CELEXA                             /00582602/", "CELEXA"],
    ["VITAMIN B COMPLEX                  /00212701/", "VITAMIN B COMPLEX"],
    ["MIRTAZAPINE (UNKNOWN)", "MIRTAZAPINE"],
    ["DOXAZOSIN (UNKNOWN) 4 MG", "DOXAZOSIN"],
    // nothing usable left
    ["", ""],
    ["   ", ""],
    ["...", ""],
    // a bare strength is not stripped down to nothing
    ["10 MG", "10 MG"],
  ])("%j → %j", (raw, expected) => {
    expect(normalizeMedicinalProduct(raw)).toBe(expected);
  });

  test("is idempotent on its own output", () => {
    for (const raw of ["ASPIRIN 81 MG.", "CELEXA /00582602/", " oxygen. ", "MIRTAZAPINE (UNKNOWN)"]) {
      const once = normalizeMedicinalProduct(raw);
      expect(normalizeMedicinalProduct(once)).toBe(once);
    }
  });
});
