import { describe, expect, test } from "vitest";
import { nameCasings, toTitleCase } from "@/lib/sources/openfda/name-casings";

describe("toTitleCase", () => {
  // Expected values are FDA device classification names as openFDA stores them (device.openfda.device_name,
  // here from ../shared/data/mds_maude_bone_cement), typed in upper case.
  test.each([
    ["BONE CEMENT", "Bone Cement"],
    ["BONE CEMENT, ANTIBIOTIC", "Bone Cement, Antibiotic"],
    ["MIXER, CEMENT, FOR CLINICAL USE", "Mixer, Cement, For Clinical Use"],
    ["PROSTHESIS, KNEE, PATELLO/FEMOROTIBIAL, SEMI-CONSTRAINED, UNCEMENTED, POROUS, COATED, POLYMER/METAL/POLYMER",
      "Prosthesis, Knee, Patello/Femorotibial, Semi-Constrained, Uncemented, Porous, Coated, Polymer/Metal/Polymer"],
    ["PROSTHESIS, SHOULDER, HEMI-, HUMERAL, METALLIC UNCEMENTED", "Prosthesis, Shoulder, Hemi-, Humeral, Metallic Uncemented"],
    ["coronary drug-eluting stent", "Coronary Drug-Eluting Stent"],
    ["stent (coronary)", "Stent (Coronary)"],
    ["o'neil 2x40g", "O'neil 2x40g"],
    ["ÉTOILE ßETA", "Étoile SSeta"], // JavaScript upper-cases ß as SS
  ])("%j → %j", (input, expected) => {
    expect(toTitleCase(input)).toBe(expected);
  });
});

describe("nameCasings", () => {
  test.each([
    ["Bone Cement", ["Bone Cement", "BONE CEMENT"]],
    ["bone cement", ["bone cement", "BONE CEMENT", "Bone Cement"]],
    ["BONE CEMENT", ["BONE CEMENT", "Bone Cement"]],
    ["LOD", ["LOD", "Lod"]],
    ["X", ["X"]],
    ["5", ["5"]],
  ])("%j → %j (as typed, upper, title; each once)", (input, expected) => {
    expect(nameCasings(input)).toEqual(expected);
  });
});
