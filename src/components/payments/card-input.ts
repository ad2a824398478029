import { brandOf, cardDigits, cvcLength, isExpired, luhnValid } from "~/lib/cards";

/**
 * Input masks and inline validation of the local test-card form (pure, unit-tested). The messages follow Stripe
 * Elements' wording so the local form and the Stripe form read the same.
 */

/** Digits grouped as printed on the card: 4-6-5 for American Express, groups of 4 otherwise. */
export function formatCardNumber(raw: string): string {
  const digits = cardDigits(raw).replace(/\D/g, "").slice(0, 19);
  const groups = brandOf(digits) === "amex" ? [4, 6, 5] : [4, 4, 4, 4, 3];
  const out: string[] = [];
  let i = 0;
  for (const g of groups) {
    if (i >= digits.length) break;
    out.push(digits.slice(i, i + g));
    i += g;
  }
  return out.join(" ");
}

/** "MM / YY" as the user types: "4" → "04 / " only once a second digit could not start a month. */
export function formatExpiry(raw: string, previous = ""): string {
  let digits = raw.replace(/\D/g, "").slice(0, 4);
  // Deleting the separator deletes the month's last digit too (otherwise backspace gets stuck on " / ").
  if (previous.endsWith(" / ") && raw.length < previous.length) digits = digits.slice(0, 1);
  if (digits.length === 1 && Number(digits) > 1) digits = `0${digits}`;
  if (digits.length < 2) return digits;
  return `${digits.slice(0, 2)} / ${digits.slice(2)}`;
}

export function parseExpiry(value: string): { month: number; year: number } | null {
  const m = /^(\d{2})\s*\/\s*(\d{2})$/.exec(value.trim());
  return m ? { month: Number(m[1]), year: 2000 + Number(m[2]) } : null;
}

export type CardFields = { number: string; expiry: string; cvc: string };
export type CardFieldErrors = Partial<Record<keyof CardFields, string>>;

export function validateCardFields(fields: CardFields, now: Date): CardFieldErrors {
  const errors: CardFieldErrors = {};
  const digits = cardDigits(fields.number);
  const brand = brandOf(digits);
  const wanted = brand === "amex" ? 15 : 16;
  if (!digits) errors.number = "Enter your card number.";
  else if (!/^\d+$/.test(digits) || digits.length < Math.min(wanted, 12))
    errors.number = "Your card number is incomplete.";
  else if (!luhnValid(digits)) errors.number = "Your card number is invalid.";

  const exp = parseExpiry(fields.expiry);
  if (!fields.expiry.trim()) errors.expiry = "Enter the expiry date.";
  else if (!exp) errors.expiry = "Your card's expiration date is incomplete.";
  else if (exp.month < 1 || exp.month > 12) errors.expiry = "Your card's expiration month is invalid.";
  else if (isExpired(exp.month, exp.year, now)) errors.expiry = "Your card's expiration year is in the past.";

  const cvcDigits = cvcLength(brand);
  if (!fields.cvc) errors.cvc = "Enter the security code.";
  else if (!new RegExp(`^\\d{${cvcDigits}}$`).test(fields.cvc))
    errors.cvc = `Your card's security code is incomplete (${cvcDigits} digits).`;
  return errors;
}

/** Which field a server-side card error code belongs to (null: a decline for the whole card). */
export function fieldOfCardError(code: string | null): keyof CardFields | null {
  if (!code) return null;
  if (code === "incorrect_number" || code === "invalid_number") return "number";
  if (code === "invalid_expiry_month" || code === "invalid_expiry_year") return "expiry";
  if (code === "incorrect_cvc" || code === "invalid_cvc") return "cvc";
  return null;
}
