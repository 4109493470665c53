import { normalizeMedicinalProduct } from "@/lib/analytics/normalize";
import { toCleanUpperText } from "@/lib/analytics/normalize/clean-text";
import { createDrugEventCounter, type DrugEventTables } from "./drug-event-tables";
import { CleaningInterner, StringTable } from "./intern";

// Report-level drug/event tables from flat (report id, drug, event) rows such as the pvLRT 2022Q3 file
// (one row per case × primary-suspect drug × PT). Rows of one report need not be adjacent. Pure.

export interface CaseDrugEventRow {
  /** Report key (CASEID in the pvLRT file). */
  id: string;
  drug: string;
  event: string;
}

export interface CaseDrugEventTables {
  tables: DrugEventTables;
  /** Rows read. */
  rows: number;
  /** Distinct report ids among the rows (≥ tables.n: reports without a usable drug or event are outside N). */
  reports: number;
  /** Rows dropped because the drug or event is empty after cleaning. */
  emptyRows: number;
}

export interface CaseDrugEventOptions {
  /** Drug name cleaning; default normalizeMedicinalProduct (as for FAERS drugname). */
  cleanDrug?: (raw: string) => string;
  /** Event cleaning; default upper-case + whitespace (as for FAERS pt). */
  cleanEvent?: (raw: string) => string;
}

/** Growable int column: rows are kept as three of these (12 bytes per row) until grouping. */
class IntColumn {
  data = new Int32Array(1 << 16);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length] = value;
    this.length += 1;
  }
}

export interface CaseDrugEventTablesBuilder {
  add(id: string, drug: string, event: string): void;
  build(): CaseDrugEventTables;
}

/**
 * Interns the rows, groups them by report (counting sort, O(rows)) and counts every drug–event pair
 * per distinct report. The drugs and events of a report are crossed: a report naming drugs {D1, D2}
 * and events {E1, E2} counts for all four pairs, which is the report-level definition of a.
 * Memory: 12 bytes per row plus the interned names and report ids.
 */
export function createCaseDrugEventTablesBuilder(options: CaseDrugEventOptions = {}): CaseDrugEventTablesBuilder {
  const reportIds = new StringTable();
  const drugNames = new StringTable();
  const eventNames = new StringTable();
  const drugs = new CleaningInterner(drugNames, options.cleanDrug ?? normalizeMedicinalProduct);
  const events = new CleaningInterner(eventNames, options.cleanEvent ?? toCleanUpperText);
  const reportColumn = new IntColumn();
  const drugColumn = new IntColumn();
  const eventColumn = new IntColumn();
  let rowCount = 0;
  let emptyRows = 0;
  // Rows of one case and drug are usually adjacent: skip the lookups when the text repeats.
  let lastId: string | null = null;
  let lastReport = -1;
  let lastDrug: string | null = null;
  let lastDrugId = -1;

  return {
    add(id, drug, event) {
      rowCount += 1;
      if (id !== lastId) {
        lastId = id;
        lastReport = reportIds.intern(id);
      }
      if (drug !== lastDrug) {
        lastDrug = drug;
        lastDrugId = drugs.idOf(drug).id;
      }
      const eventId = events.idOf(event).id;
      if (lastDrugId < 0 || eventId < 0) {
        emptyRows += 1;
        return;
      }
      reportColumn.push(lastReport);
      drugColumn.push(lastDrugId);
      eventColumn.push(eventId);
    },
    build() {
      // Counting sort of row indexes by report id.
      const reportCount = reportIds.size;
      const starts = new Int32Array(reportCount + 1);
      for (let i = 0; i < reportColumn.length; i += 1) {
        const slot = (reportColumn.data[i] ?? 0) + 1;
        starts[slot] = (starts[slot] ?? 0) + 1;
      }
      for (let r = 0; r < reportCount; r += 1) starts[r + 1] = (starts[r + 1] ?? 0) + (starts[r] ?? 0);
      const fill = starts.slice(0, reportCount);
      const order = new Int32Array(reportColumn.length);
      for (let i = 0; i < reportColumn.length; i += 1) {
        const report = reportColumn.data[i] ?? 0;
        order[fill[report] ?? 0] = i;
        fill[report] = (fill[report] ?? 0) + 1;
      }

      const counter = createDrugEventCounter(drugNames.values, eventNames.values);
      const drugIds: number[] = [];
      const eventIds: number[] = [];
      for (let r = 0; r < reportCount; r += 1) {
        drugIds.length = 0;
        eventIds.length = 0;
        for (let k = starts[r] ?? 0; k < (starts[r + 1] ?? 0); k += 1) {
          const row = order[k] ?? 0;
          drugIds.push(drugColumn.data[row] ?? -1);
          eventIds.push(eventColumn.data[row] ?? -1);
        }
        counter.addReport(drugIds, eventIds);
      }
      return { tables: counter.build(), rows: rowCount, reports: reportCount, emptyRows };
    },
  };
}

/** Builds report-level drug/event tables from (report id, drug, event) rows; see createCaseDrugEventTablesBuilder. */
export async function buildCaseDrugEventTables(
  rows: AsyncIterable<CaseDrugEventRow> | Iterable<CaseDrugEventRow>,
  options: CaseDrugEventOptions = {},
): Promise<CaseDrugEventTables> {
  const builder = createCaseDrugEventTablesBuilder(options);
  for await (const row of rows) builder.add(row.id, row.drug, row.event);
  return builder.build();
}
