import { describe, expect, it } from "vitest";
import { brandOf, luhnValid, TEST_CARDS } from "~/lib/cards";
import { fieldOfCardError, formatCardNumber, formatExpiry, parseExpiry, validateCardFields } from "./card-input";

const NOW = new Date("2026-11-20T12:00:00Z");

describe("card facts", () => {
  it("every documented test card passes Luhn and has the brand Stripe reports", () => {
    for (const c of TEST_CARDS) {
      expect(luhnValid(c.number)).toBe(true);
      expect(brandOf(c.number)).toBe(c.brand);
    }
    expect(luhnValid("4242424242424241")).toBe(false);
    expect(brandOf("2221000000000009")).toBe("mastercard");
    expect(brandOf("2721000000000000")).toBe("unknown");
    expect(brandOf("6011111111111117")).toBe("discover");
  });
});

describe("local card form masks", () => {
  it("groups digits as printed (4-6-5 for Amex) and drops anything else", () => {
    expect(formatCardNumber("4242424242424242")).toBe("4242 4242 4242 4242");
    expect(formatCardNumber("4242-42a")).toBe("4242 42");
    expect(formatCardNumber("378282246310005")).toBe("3782 822463 10005");
    expect(formatCardNumber("4".repeat(25))).toBe("4444 4444 4444 4444 444");
  });

  it("formats the expiry as MM / YY, padding a month that cannot take a second digit", () => {
    expect(formatExpiry("1")).toBe("1");
    expect(formatExpiry("5")).toBe("05 / ");
    expect(formatExpiry("12")).toBe("12 / ");
    expect(formatExpiry("123")).toBe("12 / 3");
    expect(formatExpiry("12 / 304")).toBe("12 / 30");
    // Backspace over the separator removes the month's second digit.
    expect(formatExpiry("12 /", "12 / ")).toBe("1");
    expect(parseExpiry("12 / 30")).toEqual({ month: 12, year: 2030 });
    expect(parseExpiry("12 / 3")).toBeNull();
  });
});

describe("inline validation", () => {
  it("accepts a complete, current card and reports each problem on its field", () => {
    expect(validateCardFields({ number: "4242 4242 4242 4242", expiry: "11 / 26", cvc: "123" }, NOW)).toEqual({});
    expect(validateCardFields({ number: "3782 822463 10005", expiry: "01 / 30", cvc: "1234" }, NOW)).toEqual({});
    expect(validateCardFields({ number: "", expiry: "", cvc: "" }, NOW)).toEqual({
      number: "Enter your card number.",
      expiry: "Enter the expiry date.",
      cvc: "Enter the security code.",
    });
    expect(validateCardFields({ number: "4242 4242 4242 4241", expiry: "10 / 26", cvc: "12" }, NOW)).toEqual({
      number: "Your card number is invalid.",
      expiry: "Your card's expiration year is in the past.",
      cvc: "Your card's security code is incomplete (3 digits).",
    });
    expect(validateCardFields({ number: "4242 42", expiry: "13 / 30", cvc: "123" }, NOW)).toMatchObject({
      number: "Your card number is incomplete.",
      expiry: "Your card's expiration month is invalid.",
    });
  });

  it("places server card errors on their field; declines belong to the whole card", () => {
    expect(fieldOfCardError("incorrect_number")).toBe("number");
    expect(fieldOfCardError("invalid_expiry_year")).toBe("expiry");
    expect(fieldOfCardError("incorrect_cvc")).toBe("cvc");
    expect(fieldOfCardError("card_declined")).toBeNull();
    expect(fieldOfCardError(null)).toBeNull();
  });
});
