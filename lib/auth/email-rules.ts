// Which emails may name an account (issue #9): no invisible or control characters, no label that
// mixes scripts (the Cyrillic "а" in "exаmple.com"). Pure, so every entry point — user creation, the
// action and API schemas, ADMIN_EMAIL, sign-in and OIDC — applies the same rule.

/** Controls, format characters (zero-width, bidi), surrogates, private use, unassigned. */
const INVISIBLE_OR_CONTROL = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/u;

// Scripts told apart; a letter of none of them counts as "Other". Han/Hiragana/Katakana/Hangul/Bopomofo
// get UTS #39's augmented sets, so Japanese (Han + kana) and Korean (Hangul + Han) are single-script.
const SCRIPTS = [
  "Latin", "Cyrillic", "Greek", "Armenian", "Georgian", "Hebrew", "Arabic", "Syriac", "Thaana",
  "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada", "Malayalam",
  "Sinhala", "Thai", "Lao", "Tibetan", "Myanmar", "Khmer", "Mongolian", "Ethiopic", "Cherokee",
  "Canadian_Aboriginal", "Tifinagh", "Nko", "Vai", "Yi",
] as const;
const SCRIPT_TESTS = SCRIPTS.map((name) => [name, new RegExp(`\\p{Script_Extensions=${name}}`, "u")] as const);
const AUGMENTED: [RegExp, readonly string[]][] = [
  [/\p{Script_Extensions=Han}/u, ["Han", "Japanese", "Korean", "Bopomofo-Han"]],
  [/[\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}]/u, ["Japanese"]],
  [/\p{Script_Extensions=Hangul}/u, ["Korean"]],
  [/\p{Script_Extensions=Bopomofo}/u, ["Bopomofo-Han"]],
];
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const COMMON_OR_INHERITED = /[\p{Script=Common}\p{Script=Inherited}]/u;

/** The scripts a character may belong to; null for digits, punctuation and combining marks (any script). */
function scriptsOf(char: string): Set<string> | null {
  if (!LETTER_OR_MARK.test(char) || COMMON_OR_INHERITED.test(char)) {
    // Common/Inherited characters with script extensions (e.g. the kana length mark) still narrow.
    const extended = AUGMENTED.filter(([re]) => re.test(char)).flatMap(([, set]) => set);
    return extended.length > 0 ? new Set(extended) : null;
  }
  const found = new Set<string>();
  for (const [re, set] of AUGMENTED) if (re.test(char)) for (const s of set) found.add(s);
  for (const [name, re] of SCRIPT_TESTS) if (re.test(char)) found.add(name);
  return found.size > 0 ? found : new Set(["Other"]);
}

function intersect(a: Set<string>, b: Set<string>): Set<string> {
  return new Set([...a].filter((name: string) => b.has(name)));
}

/** True when one script covers every letter of the label (the intersection of their sets is non-empty). */
function isSingleScript(label: string): boolean {
  if (/^[\x00-\x7f]*$/.test(label)) return true;
  let common: Set<string> | null = null;
  for (const char of label) {
    const scripts = scriptsOf(char);
    if (scripts === null) continue;
    common = common === null ? scripts : intersect(common, scripts);
    if (common.size === 0) return false;
  }
  return true;
}

/**
 * Why this email cannot name an account, or null when it can. Checked after NFKC (as emails are
 * stored): the local part and each domain label must each be in one script.
 */
export function emailProblem(email: string): string | null {
  const normalized = email.normalize("NFKC");
  if (INVISIBLE_OR_CONTROL.test(normalized)) {
    return "email contains an invisible or control character (zero-width, bidi or similar); type it again by hand";
  }
  const at = normalized.lastIndexOf("@");
  const parts = at < 0 ? [normalized] : [normalized.slice(0, at), ...normalized.slice(at + 1).split(".")];
  if (!parts.every(isSingleScript)) {
    return "email mixes alphabets within one part (for example a Cyrillic letter among Latin ones); use one alphabet per part";
  }
  return null;
}
