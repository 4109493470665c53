/**
 * Version of the normalization rules, reported in every DataQuality block. Bump it whenever a rule
 * changes what a normalized record contains, so cached results and reports can say which rules
 * produced them.
 */
export const NORMALIZATION_RULES_VERSION = "2026-11-28.1";
