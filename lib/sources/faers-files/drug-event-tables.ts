// Report-level drug × event counts for disproportionality (analytics.md §3): the unit is the
// de-duplicated report, never the drug–event row. For every observed pair (D, E):
//   a = reports naming D and E, a+b = reports naming D, a+c = reports naming E, N = all reports,
// where "all reports" is the universe of reports that name at least one drug (in the chosen roles) and
// at least one event — a report with no drug or no event cannot fall in any cell. Pure, no I/O.

export interface DrugEventTables {
  /** N: reports with ≥ 1 drug and ≥ 1 event. */
  n: number;
  drugs: readonly string[];
  events: readonly string[];
  /** a+b per drug id: reports in the universe naming the drug. */
  drugReports: Int32Array;
  /** a+c per event id: reports in the universe naming the event. */
  eventReports: Int32Array;
  /** Observed pairs (a ≥ 1), sorted by drug id then event id. */
  pairCount: number;
  pairDrug: Int32Array;
  pairEvent: Int32Array;
  /** a per pair. */
  pairReports: Int32Array;
}

export interface TwoByTwo {
  a: number;
  b: number;
  c: number;
  d: number;
  n: number;
}

/** The 2×2 cells from a, the two margins and N: b = drug − a, c = event − a, d = N − a − b − c. */
export function toTwoByTwo(a: number, drugReports: number, eventReports: number, n: number): TwoByTwo {
  const b = drugReports - a;
  const c = eventReports - a;
  return { a, b, c, d: n - a - b - c, n };
}

/** The 2×2 table of pair `index` of `tables`. */
export function twoByTwoAt(tables: DrugEventTables, index: number): TwoByTwo {
  const drug = tables.pairDrug[index] ?? -1;
  const event = tables.pairEvent[index] ?? -1;
  return toTwoByTwo(tables.pairReports[index] ?? 0, tables.drugReports[drug] ?? 0, tables.eventReports[event] ?? 0, tables.n);
}

/** Index of the pair (drug id, event id) in `tables`, or -1 when a = 0 (binary search). */
export function findPair(tables: DrugEventTables, drug: number, event: number): number {
  let low = 0;
  let high = tables.pairCount - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const d = tables.pairDrug[mid] ?? 0;
    const e = tables.pairEvent[mid] ?? 0;
    if (d === drug && e === event) return mid;
    if (d < drug || (d === drug && e < event)) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/** a, b, c, d for every observed pair as columns (same order as `pairDrug`). */
export function toTwoByTwoColumns(tables: DrugEventTables): { a: Int32Array; b: Int32Array; c: Int32Array; d: Int32Array } {
  const count = tables.pairCount;
  const a = tables.pairReports.slice(0, count);
  const b = new Int32Array(count);
  const c = new Int32Array(count);
  const d = new Int32Array(count);
  for (let i = 0; i < count; i += 1) {
    const ai = a[i] ?? 0;
    const bi = (tables.drugReports[tables.pairDrug[i] ?? 0] ?? 0) - ai;
    const ci = (tables.eventReports[tables.pairEvent[i] ?? 0] ?? 0) - ai;
    b[i] = bi;
    c[i] = ci;
    d[i] = tables.n - ai - bi - ci;
  }
  return { a, b, c, d };
}

export interface DrugEventCounter {
  /**
   * Adds one report given the ids of the drugs and events it names (repeats allowed, ignored).
   * A report with no drug or no event is outside the universe and is not counted.
   */
  addReport(drugIds: ArrayLike<number>, eventIds: ArrayLike<number>): void;
  build(): DrugEventTables;
}

/**
 * Counts reports per drug, per event and per drug–event pair. Ids must be in [0, drugs.length) and
 * [0, events.length). Work is O(Σ distinct drugs × distinct events per report); memory is one counter
 * per observed pair.
 */
export function createDrugEventCounter(drugs: readonly string[], events: readonly string[]): DrugEventCounter {
  const drugReports = new Int32Array(drugs.length);
  const eventReports = new Int32Array(events.length);
  // Last report that touched each id: de-duplicates within a report without a Set per report.
  const drugStamp = new Int32Array(drugs.length).fill(-1);
  const eventStamp = new Int32Array(events.length).fill(-1);
  const pairs = new Map<number, number>();
  const eventsCount = events.length;
  let distinctDrugs: number[] = [];
  let distinctEvents: number[] = [];
  let reports = 0;
  let n = 0;

  return {
    addReport(drugIds, eventIds) {
      const stamp = reports;
      reports += 1;
      distinctDrugs = [];
      distinctEvents = [];
      for (let i = 0; i < drugIds.length; i += 1) {
        const id = drugIds[i] ?? -1;
        if (id < 0 || drugStamp[id] === stamp) continue;
        drugStamp[id] = stamp;
        distinctDrugs.push(id);
      }
      if (distinctDrugs.length === 0) return;
      for (let i = 0; i < eventIds.length; i += 1) {
        const id = eventIds[i] ?? -1;
        if (id < 0 || eventStamp[id] === stamp) continue;
        eventStamp[id] = stamp;
        distinctEvents.push(id);
      }
      if (distinctEvents.length === 0) return;
      n += 1;
      for (const event of distinctEvents) eventReports[event] = (eventReports[event] ?? 0) + 1;
      for (const drug of distinctDrugs) {
        drugReports[drug] = (drugReports[drug] ?? 0) + 1;
        const base = drug * eventsCount;
        for (const event of distinctEvents) {
          const key = base + event;
          pairs.set(key, (pairs.get(key) ?? 0) + 1);
        }
      }
    },
    build() {
      const keys = Float64Array.from(pairs.keys()).sort();
      const pairCount = keys.length;
      const pairDrug = new Int32Array(pairCount);
      const pairEvent = new Int32Array(pairCount);
      const pairReports = new Int32Array(pairCount);
      for (let i = 0; i < pairCount; i += 1) {
        const key = keys[i] ?? 0;
        const drug = Math.floor(key / eventsCount);
        pairDrug[i] = drug;
        pairEvent[i] = key - drug * eventsCount;
        pairReports[i] = pairs.get(key) ?? 0;
      }
      return { n, drugs, events, drugReports, eventReports, pairCount, pairDrug, pairEvent, pairReports };
    },
  };
}
