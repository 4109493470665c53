import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { parseCredentialsForm } from "@/lib/auth/credentials-form";

// Issue #9 (High): the sign-in limit must key on exactly the email Auth.js will authenticate, so any
// body Auth.js could read differently from us is refused before it gets there.

const FORM = "application/x-www-form-urlencoded";
const body = "email=analyst%40example.com&password=secret-123&csrfToken=abc&callbackUrl=%2F";

function refusal(contentType: string | null, text: string): { status: number; code: string } {
  try {
    parseCredentialsForm(contentType, text);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.message.length).toBeGreaterThan(10);
    return { status: error.status, code: error.code };
  }
  throw new Error("expected a refusal");
}

describe("accepted content types", () => {
  test.each([FORM, `${FORM}; charset=utf-8`, "Application/X-WWW-Form-Urlencoded;charset=UTF-8", `${FORM} ; charset="utf-8"`])("%s", (type) => {
    expect(parseCredentialsForm(type, body).email).toBe("analyst@example.com");
  });
});

describe("ambiguous or other content types → 415", () => {
  test.each([
    null,
    "",
    "application/json",
    `${FORM}; x=application/json`,
    `application/json; x=${FORM}`,
    `${FORM}; charset=latin1`,
    `${FORM}; charset=utf-8; boundary=x`,
    `${FORM}, application/json`,
    `${FORM}application/json`,
    "multipart/form-data; boundary=x",
    "text/plain",
    `x-${FORM}`,
  ])("%s", (type) => {
    expect(refusal(type, body)).toEqual({ status: 415, code: "unsupported_media_type" });
  });
});

describe("duplicate fields → 400", () => {
  test.each([
    "email=decoy%40x&email=victim%40x&password=p",
    "email=a%40x&password=one&password=two",
    "email=a%40x&password=p&csrfToken=1&csrfToken=2",
    "email=a%40x&password=p&callbackUrl=%2F&callbackUrl=%2Fadmin",
    "email=a%40x&email=a%40x&password=p",
    "email=a%40x&em%61il=b%40x&password=p",
  ])("%s", (text) => {
    expect(refusal(FORM, text)).toEqual({ status: 400, code: "invalid_input" });
  });
});

test("the email is the one Auth.js reads (no trimming here: the limit normalises it)", () => {
  expect(parseCredentialsForm(FORM, "password=p&email=+Victim%40X.example+").email).toBe(" Victim@X.example ");
});

test("no email field → empty email (Auth.js then refuses; nothing to count)", () => {
  expect(parseCredentialsForm(FORM, "password=p").email).toBe("");
});
