// Offline FAERS quarterly-file source: parsers for the `$`-delimited FAERS (2012Q4+) and legacy AERS
// ASCII extracts, a streaming importer into the normalized CaseReport model, a query engine answering the
// openFDA pipeline's questions plus role-aware 2×2 tables, and a loader for flat case/drug/event CSVs.
// Server-side only (reads files); the parsing, import and query modules themselves are pure.
export { FaersFileError, FaersQueryError } from "./errors";
export {
  FAERS_TABLES,
  REQUIRED_COLUMNS,
  parseFaersHeader,
  tableFromFileName,
  isDeleteListFileName,
  type FaersHeader,
  type FaersLayout,
  type FaersTable,
} from "./header";
export {
  splitFaersLine,
  createRowMapper,
  createLineParser,
  type LineParser,
  type DemoRow,
  type DrugRow,
  type ReacRow,
  type OutcRow,
  type RpsrRow,
  type TherRow,
  type IndiRow,
  type FaersRowMap,
  type RowMapper,
} from "./rows";
export { parseDeleteListLine } from "./delete-list";
export { decodeLatin1Line, type DecodedLine, type LineEncoding } from "./text-decoding";
export {
  ROLE_CODES,
  AGE_COD_TO_E2B,
  KG_PER_WEIGHT_UNIT,
  OUTCOME_CODES,
  toRoleIndex,
  toCaseRole,
  roleMaskOf,
  toFaersSex,
  toReporterFromOccp,
  toOutcomeBit,
  toSeriousnessFromOutcomes,
  type RoleCode,
  type OutcomeCode,
  type FaersRoleSelection,
} from "./codes";
export { FAERS_FILE_RULES, FAERS_FILE_RULES_VERSION, type FaersFileRuleId } from "./rules";
export { createFaersImportBuilder, type FaersImportBuilder } from "./import-builder";
export type { FaersDataset, FaersReportRecord, FaersFileInfo, FaersQuarterInfo } from "./dataset";
export { toFaersCaseReport, type FaersCaseReport } from "./case-report";
export {
  createFaersFileSource,
  type FaersFileSource,
  type FaersFileFilter,
  type FaersDateField,
  type FaersProductMatch,
  type FaersTrendResult,
  type FaersReactionsResult,
  type FaersSummaryResult,
  type FaersCasesResult,
  type FaersTwoByTwoResult,
  type FaersSourceDescription,
} from "./source";
export {
  createDrugEventCounter,
  findPair,
  toTwoByTwo,
  twoByTwoAt,
  toTwoByTwoColumns,
  type DrugEventCounter,
  type DrugEventTables,
  type TwoByTwo,
} from "./drug-event-tables";
export {
  buildCaseDrugEventTables,
  createCaseDrugEventTablesBuilder,
  type CaseDrugEventTablesBuilder,
  type CaseDrugEventRow,
  type CaseDrugEventTables,
  type CaseDrugEventOptions,
} from "./case-drug-event-tables";
export { parseCsvLine } from "./csv-line";
// I/O
export { readLineBatches, isGzipFile, type LineBatch, type LineStats } from "./read-lines";
export { openFaersTable, readFaersTable, readDeletedCaseIds, type FaersTableReader, type FaersTableStats } from "./read-table";
export { discoverQuarterFiles, entryKind, quarterLabelFromName, type FaersQuarterFiles, type FaersQuarterInput } from "./discover-files";
export { importFaersQuarters, openFaersFileSource, type ImportFaersOptions } from "./import-quarters";
export { loadCaseDrugEventRows, loadCaseDrugEventRowBatches, loadCaseDrugEventTables } from "./load-case-drug-event-rows";
