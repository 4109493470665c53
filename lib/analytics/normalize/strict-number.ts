// Plain decimal notation only: Number() alone would also accept "", " ", "0x1A" and "Infinity".
const DECIMAL_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses a decimal number written as text ("26", "70.946", ".5").
 * Returns null for missing, blank, non-decimal or non-finite input.
 */
export function toStrictNumber(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const text = raw.trim();
  if (!DECIMAL_PATTERN.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}
