/**
 * Version of the normalization rules, reported in every DataQuality block. Bump it whenever a rule
 * changes what a normalized record contains, so cached results and reports can say which rules
 * produced them.
 */
// 2026-12-03.1: device reports carry `narrative` (MAUDE mdr_text) and `narrativeRedacted` ((b)(4)/(b)(6)).
export const NORMALIZATION_RULES_VERSION = "2026-12-03.1";
