// Loads the R reference values made by tests/fixtures/anomalies/make-fixtures.R.
import { readFileSync } from "node:fs";

const FIXTURES = new URL("../../fixtures/anomalies/", import.meta.url);

export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8")) as T;
}

export type EarsFixture = {
  surveillance: string;
  series: Record<string, number[]>;
  cases: Array<{
    series: string;
    method: "C1" | "C2" | "C3";
    minSigma: number;
    alpha: number;
    firstIndex: number;
    upperbound: Array<number | null>;
    alarm: Array<boolean | null>;
  }>;
};

export type FarringtonFixture = {
  series: Record<string, number[]>;
  cases: Array<{
    series: string;
    frequency: number;
    control: {
      b: number;
      w: number;
      noPeriods: number;
      pastWeeksNotIncluded: number;
      thresholdMethod: "nbPlugin" | "muan" | "delta";
      alpha: number;
      weightsThreshold: number;
      pThresholdTrend: number;
    };
    firstIndex: number;
    upperbound: Array<number | null>;
    alarm: Array<boolean | null>;
    expected: Array<number | null>;
    phi: Array<number | null>;
    trend: number[];
  }>;
};

export type StlFixture = Record<"periodicRobust" | "window7", { series: string; period: number; values: number[]; seasonal: number[]; trend: number[] }>;
