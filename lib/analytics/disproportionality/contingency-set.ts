import type { TwoByTwoTable } from "./types";

/** One report-level row: a report id with one drug and one event (e.g. FAERS case × PS drug × PT). */
export interface ReportRow {
  id: string | number;
  drug: string;
  event: string;
  /** Stratum label (sex, age band, year…); required on every row when stratifying. */
  stratum?: string;
}

/** One observed drug–event pair with its 2×2 table of de-duplicated report counts. */
export interface ContingencyPair {
  drug: string;
  event: string;
  table: TwoByTwoTable;
  /**
   * Expected reports with the drug and the event under independence: (drug reports × event reports) /
   * all reports, or with `stratify` the sum of that over strata, Σₛ n_D,ₛ·n_E,ₛ/nₛ (openEBGM/MGPS).
   * Always > 0 for an observed pair.
   */
  expected: number;
}

export interface ContingencySet {
  /** Distinct report ids. */
  totalReports: number;
  drugCount: number;
  eventCount: number;
  /** Stratum labels in first-seen order, or `null` when unstratified. */
  strata: string[] | null;
  /** Pairs with a ≥ 1, in first-seen order of the drug–event combination. */
  pairs: ContingencyPair[];
}

export interface BuildContingencySetOptions {
  /** Compute `expected` by strata (summed) instead of from the overall margins. PRR/ROR/IC tables are never stratified. */
  stratify?: boolean;
}

/** Dense integer ids for keys; remembers the last key because consecutive rows often repeat it. */
class Interner<K> {
  private readonly index = new Map<K, number>();
  private lastKey: K | undefined;
  private lastId = -1;
  readonly keys: K[] = [];
  of(key: K): number {
    if (key === this.lastKey && this.lastId >= 0) return this.lastId;
    let at = this.index.get(key);
    if (at === undefined) {
      at = this.keys.length;
      this.index.set(key, at);
      this.keys.push(key);
    }
    this.lastKey = key;
    this.lastId = at;
    return at;
  }
}

/** Above this many drug × event combinations the pair index is a Map instead of a dense array. */
const MAX_DENSE_PAIR_INDEX = 1 << 23;

/**
 * Builds the drug–event contingency set from report-level rows, counting unique report ids (as openEBGM
 * `processRaw`): a = reports that list both the drug and the event (in any of their rows), drug margin
 * a+b = reports listing the drug, event margin a+c = reports listing the event, N = all distinct reports,
 * d = N − (a+b) − (a+c) + a. A report that lists the same drug, event or pair twice counts once. For rows
 * that are each report's full drug × event cross product (FAERS and CAERS extracts, openEBGM's input) a is
 * exactly openEBGM's count of report ids per listed pair; for other row layouts it is still the
 * co-occurrence count, so the table always adds up. Only observed pairs (a ≥ 1) are returned, in first-seen
 * order. Expected counts: see {@link ContingencyPair.expected}.
 *
 * De-duplication of report versions (e.g. latest FAERS CASEVERSION per CASEID) and the choice of drug
 * roles are the caller's job: every distinct `id` here is one report.
 *
 * Runs in O(rows + Σ over reports of drugs × events + pairs × strata) time.
 * @throws RangeError when `stratify` is on and a row has no stratum.
 */
export function buildContingencySet(rows: readonly ReportRow[], options: BuildContingencySetOptions = {}): ContingencySet {
  const stratify = options.stratify === true;
  const reports = new Interner<string | number>();
  const drugs = new Interner<string>();
  const events = new Interner<string>();
  const strata = new Interner<string>();
  const rowReport = new Int32Array(rows.length);
  const rowDrug = new Int32Array(rows.length);
  const rowEvent = new Int32Array(rows.length);
  const rowStratum = new Int32Array(rows.length);
  rows.forEach((row, i) => {
    rowReport[i] = reports.of(row.id);
    rowDrug[i] = drugs.of(row.drug);
    rowEvent[i] = events.of(row.event);
    if (stratify) {
      if (row.stratum === undefined) throw new RangeError(`Row ${i} (report ${String(row.id)}) has no stratum.`);
      rowStratum[i] = strata.of(row.stratum);
    }
  });
  const reportCount = reports.keys.length;
  const drugCount = drugs.keys.length;
  const eventCount = events.keys.length;
  const strataCount = stratify ? strata.keys.length : 1;

  // Counting sort of the rows by report, so that each report's rows are visited together.
  const offsets = new Int32Array(reportCount + 1);
  for (let i = 0; i < rows.length; i++) offsets[rowReport[i]! + 1]! += 1;
  for (let r = 0; r < reportCount; r++) offsets[r + 1]! += offsets[r]!;
  const cursor = offsets.slice(0, reportCount);
  const order = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) order[cursor[rowReport[i]!]!++] = i;

  // "Last report seen" stamps count each report once per drug, event, pair and (stratum) margin.
  const drugMargin = new Float64Array(drugCount);
  const eventMargin = new Float64Array(eventCount);
  const drugStamp = new Int32Array(drugCount).fill(-1);
  const eventStamp = new Int32Array(eventCount).fill(-1);
  const drugStrata = new Float64Array(stratify ? drugCount * strataCount : 0);
  const eventStrata = new Float64Array(stratify ? eventCount * strataCount : 0);
  const drugStrataStamp = new Int32Array(drugStrata.length).fill(-1);
  const eventStrataStamp = new Int32Array(eventStrata.length).fill(-1);
  const strataTotal = new Float64Array(strataCount);
  const strataStamp = new Int32Array(strataCount).fill(-1);
  // Pair index by drug·eventCount + event: a dense array (−1 = unseen) when small enough, else a Map.
  const combinations = drugCount * eventCount;
  const densePairIndex = combinations <= MAX_DENSE_PAIR_INDEX ? new Int32Array(combinations).fill(-1) : null;
  const sparsePairIndex = densePairIndex ? null : new Map<number, number>();
  const pairDrug: number[] = [];
  const pairEvent: number[] = [];
  const pairCount: number[] = [];
  // The current report's distinct drugs and events (no report has more than `rows.length` of either).
  const reportDrugs = new Int32Array(Math.min(rows.length, drugCount));
  const reportEvents = new Int32Array(Math.min(rows.length, eventCount));

  for (let r = 0; r < reportCount; r++) {
    let drugsInReport = 0;
    let eventsInReport = 0;
    for (let k = offsets[r]!; k < offsets[r + 1]!; k++) {
      const i = order[k]!;
      const drug = rowDrug[i]!;
      const event = rowEvent[i]!;
      if (drugStamp[drug] !== r) {
        drugStamp[drug] = r;
        drugMargin[drug]! += 1;
        reportDrugs[drugsInReport++] = drug;
      }
      if (eventStamp[event] !== r) {
        eventStamp[event] = r;
        eventMargin[event]! += 1;
        reportEvents[eventsInReport++] = event;
      }
      if (stratify) {
        const s = rowStratum[i]!;
        if (strataStamp[s] !== r) {
          strataStamp[s] = r;
          strataTotal[s]! += 1;
        }
        const ds = drug * strataCount + s;
        if (drugStrataStamp[ds] !== r) {
          drugStrataStamp[ds] = r;
          drugStrata[ds]! += 1;
        }
        const es = event * strataCount + s;
        if (eventStrataStamp[es] !== r) {
          eventStrataStamp[es] = r;
          eventStrata[es]! += 1;
        }
      }
    }
    // Every distinct drug × distinct event of the report: the report is in cell a of that pair once.
    for (let x = 0; x < drugsInReport; x++) {
      const drug = reportDrugs[x]!;
      for (let y = 0; y < eventsInReport; y++) {
        const event = reportEvents[y]!;
        const key = drug * eventCount + event;
        const p = densePairIndex ? densePairIndex[key]! : (sparsePairIndex!.get(key) ?? -1);
        if (p < 0) {
          if (densePairIndex) densePairIndex[key] = pairCount.length;
          else sparsePairIndex!.set(key, pairCount.length);
          pairDrug.push(drug);
          pairEvent.push(event);
          pairCount.push(1);
        } else {
          pairCount[p]! += 1;
        }
      }
    }
  }

  const pairs: ContingencyPair[] = new Array(pairCount.length);
  for (let p = 0; p < pairCount.length; p++) {
    const drug = pairDrug[p]!;
    const event = pairEvent[p]!;
    const a = pairCount[p]!;
    const nDrug = drugMargin[drug]!;
    const nEvent = eventMargin[event]!;
    let expected = 0;
    if (stratify) {
      for (let s = 0; s < strataCount; s++) {
        const total = strataTotal[s]!;
        if (total > 0) expected += (drugStrata[drug * strataCount + s]! * eventStrata[event * strataCount + s]!) / total;
      }
    } else {
      expected = (nDrug * nEvent) / reportCount;
    }
    pairs[p] = {
      drug: drugs.keys[drug]!,
      event: events.keys[event]!,
      table: { a, b: nDrug - a, c: nEvent - a, d: reportCount - nDrug - nEvent + a },
      expected,
    };
  }
  return { totalReports: reportCount, drugCount, eventCount, strata: stratify ? strata.keys : null, pairs };
}
