// The parameter names of each spike method, as the API takes them in `params`. No imports, so the
// browser bundle can use the list without the methods.
export const METHOD_PARAM_NAMES = {
  ears_c1: ["threshold", "baseline", "minSigma"],
  ears_c2: ["threshold", "baseline", "guard", "minSigma"],
  ears_c3: ["threshold", "baseline", "guard", "minSigma"],
  farrington: ["alpha", "b", "w", "reweight", "noPeriods", "pastPeriodsNotIncluded", "thresholdMethod"],
  shesd: ["direction", "alpha", "maxAnoms", "period", "threshold", "onlyLast", "longtermPeriod"],
} as const;

export type SpikeMethodWithParams = keyof typeof METHOD_PARAM_NAMES;

/** The methods that take a parameter of this name (none: an unknown name). */
export function methodsTaking(name: string): SpikeMethodWithParams[] {
  return (Object.keys(METHOD_PARAM_NAMES) as SpikeMethodWithParams[]).filter((m) => (METHOD_PARAM_NAMES[m] as readonly string[]).includes(name));
}
