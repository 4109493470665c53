// Semantic Versioning 2.0.0 precedence (semver.org §11), small enough to own: the version gate must not
// depend on the packages it checks. Build metadata ("+…") is ignored; prerelease identifiers compare
// numerically when both are numeric, numeric below alphanumeric, and a longer list wins a tie.

const VERSION =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const NUMERIC = /^\d+$/;

/**
 * @typedef {{ major: string, minor: string, patch: string, prerelease: string[] }} ParsedVersion
 * Numbers stay digit strings so versions past 2^53 still compare exactly.
 */

/** @param {string} version @returns {ParsedVersion | null} */
export function parseVersion(version) {
  const match = VERSION.exec(version.trim());
  if (!match) return null;
  const [, major = "0", minor = "0", patch = "0", prerelease] = match;
  return { major, minor, patch, prerelease: prerelease === undefined ? [] : prerelease.split(".") };
}

/** Digit strings without leading zeros: the longer is larger, equal lengths compare as text. */
function compareDigits(/** @type {string} */ a, /** @type {string} */ b) {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

function compareIdentifiers(/** @type {string} */ a, /** @type {string} */ b) {
  const [aNum, bNum] = [NUMERIC.test(a), NUMERIC.test(b)];
  if (aNum && bNum) return compareDigits(a, b);
  if (aNum !== bNum) return aNum ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

/**
 * -1, 0 or 1 as `a` has lower, equal or higher precedence than `b`. Throws on a string that is not a
 * semantic version, so a typo in the floors file fails the gate instead of comparing as 0.0.0.
 * @param {string} a @param {string} b @returns {-1 | 0 | 1}
 */
export function compareVersions(a, b) {
  const [x, y] = [parseVersion(a), parseVersion(b)];
  if (!x) throw new Error(`not a semantic version: "${a}"`);
  if (!y) throw new Error(`not a semantic version: "${b}"`);
  for (const part of /** @type {const} */ (["major", "minor", "patch"])) {
    const order = compareDigits(x[part], y[part]);
    if (order !== 0) return /** @type {-1 | 1} */ (order);
  }
  // A release outranks any of its prereleases.
  if (x.prerelease.length === 0 || y.prerelease.length === 0) {
    return x.prerelease.length === y.prerelease.length ? 0 : x.prerelease.length === 0 ? 1 : -1;
  }
  const shared = Math.min(x.prerelease.length, y.prerelease.length);
  for (let i = 0; i < shared; i++) {
    const order = compareIdentifiers(x.prerelease[i] ?? "", y.prerelease[i] ?? "");
    if (order !== 0) return /** @type {-1 | 1} */ (order);
  }
  return x.prerelease.length === y.prerelease.length ? 0 : x.prerelease.length < y.prerelease.length ? -1 : 1;
}
