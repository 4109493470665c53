import { describe, expect, test } from "vitest";
import { emailProblem } from "@/lib/auth/email-rules";

// Issue #9 (Low): lookalike and invisible characters in emails. Checked after NFKC; plain ASCII is
// always fine, a single-script internationalised label is fine, a label mixing scripts is not.

describe("accepted", () => {
  test.each([
    ["plain ASCII", "analyst@example.com"],
    ["ASCII with +, dots and dashes", "first.last+cer-2@sub.example-lab.org"],
    ["intranet host", "admin@localhost"],
    ["full-width ASCII (NFKC makes it plain)", "ＡＤＭＩＮ@Example.COM"],
    ["Cyrillic local part and domain", "иван@пример.рф"],
    ["Greek local part, ASCII domain", "αλφα@example.com"],
    ["German umlaut (Latin)", "jürgen@müller.de"],
    ["Japanese (Han + Hiragana + Katakana)", "山田たろうタロウ@例え.jp"],
    ["Korean (Hangul + Han)", "김철수金@example.kr"],
    ["Cyrillic label next to a Latin label", "ivan@пример.example.com"],
    ["digits with Cyrillic", "иван2024@example.com"],
  ])("%s: %s", (_name, email) => {
    expect(emailProblem(email)).toBeNull();
  });
});

describe("refused", () => {
  test.each([
    ["Cyrillic а in a Latin domain label", "ceo-check@exаmple.com"],
    ["Greek ο in a Latin local part", "admin\u03bf@example.com"],
    ["Latin in a Cyrillic label", "ivan@пpимep.рф".replace("п", "p")],
    ["zero-width space", "ad\u200bmin@example.com"],
    ["zero-width joiner", "admin@exa\u200dmple.com"],
    ["right-to-left override", "admin@\u202eelpmaxe.com"],
    ["left-to-right mark", "\u200eadmin@example.com"],
    ["soft hyphen (Cf)", "ad\u00admin@example.com"],
    ["byte order mark", "\ufeffadmin@example.com"],
    ["NUL (Cc)", "admin\u0000@example.com"],
    ["escape (Cc)", "admin\u001b@example.com"],
    ["DEL (Cc)", "admin@example.com\u007f"],
    ["C1 control", "admin\u0085@example.com"],
    ["lone surrogate", "admin\ud800@example.com"],
  ])("%s", (_name, email) => {
    const problem = emailProblem(email);
    expect(problem).not.toBeNull();
    expect(problem).toMatch(/email/);
  });
});
