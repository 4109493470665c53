import { describe, expect, test } from "vitest";
import { stripControlCharacters, truncateText } from "@/lib/audit/sanitize-text";

describe("stripControlCharacters", () => {
  test.each([
    ["CR/LF forging a second line", "alice\r\n2026-01-01 auth.sign_in success admin", "alice  2026-01-01 auth.sign_in success admin"],
    ["a lone LF", "a\nb", "a b"],
    ["NUL, ESC and DEL", "a\u0000b\u001b[31mc\u007f", "a b [31mc "],
    ["C1 controls", "a\u0085b", "a b"],
    ["Unicode line and paragraph separators", "a\u2028b\u2029c", "a b c"],
    ["bidi overrides", "invoice\u202Efdp.exe", "invoice fdp.exe"],
    ["ordinary text, accents and emoji", "Zoë ✓ 😀", "Zoë ✓ 😀"],
  ])("%s", (_label, input, expected) => {
    const output = stripControlCharacters(input);
    expect(output).toBe(expected);
    expect(output).not.toMatch(/[\r\n]/);
  });
});

describe("truncateText", () => {
  test("leaves short text alone", () => expect(truncateText("abc", 3)).toBe("abc"));
  test("cuts to the limit, marking the cut", () => {
    const out = truncateText("x".repeat(500), 200);
    expect(out).toHaveLength(200);
    expect(out.endsWith("…")).toBe(true);
  });
  test("never leaves half a surrogate pair", () => {
    const out = truncateText("ab😀cd", 4);
    expect(out).toBe("ab…");
    expect(() => encodeURIComponent(out)).not.toThrow();
  });
});
