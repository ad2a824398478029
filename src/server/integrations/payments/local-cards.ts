import {
  brandOf,
  CARD_MESSAGES,
  cardDigits,
  cvcLength,
  findTestCard,
  isExpired,
  luhnValid,
  type CardDecline,
  type CardErrorCode,
  type ChargeBehaviour,
} from "~/lib/cards";

export type CardCheck =
  | {
      ok: true;
      digits: string;
      brand: string;
      last4: string;
      expMonth: number;
      expYear: number;
      charge: ChargeBehaviour;
    }
  | { ok: false; decline: CardDecline };

/**
 * What confirming a SetupIntent with this card does on the local gateway, in the order Stripe checks: the number's
 * form and Luhn digit, the expiry, the CVC, then the issuer's answer (a test card's scripted outcome; any other
 * Luhn-valid number succeeds). The caller stores only brand, last 4, expiry, a keyed fingerprint and `charge`.
 */
export function checkCard(
  input: { number: string; expMonth: number; expYear: number; cvc: string },
  now: Date,
): CardCheck {
  const fail = (code: CardErrorCode, declineCode: string | null = null): CardCheck => ({
    ok: false,
    decline: { code, declineCode, message: CARD_MESSAGES[code] },
  });
  const digits = cardDigits(input.number);
  if (!/^\d{12,19}$/.test(digits)) return fail("invalid_number");
  if (!luhnValid(digits)) return fail("incorrect_number");
  if (!Number.isInteger(input.expMonth) || input.expMonth < 1 || input.expMonth > 12)
    return fail("invalid_expiry_month");
  const expYear = input.expYear < 100 ? 2000 + input.expYear : input.expYear;
  if (!Number.isInteger(expYear) || expYear > now.getUTCFullYear() + 50) return fail("invalid_expiry_year");
  if (isExpired(input.expMonth, expYear, now)) return fail("expired_card", "expired_card");
  const test = findTestCard(digits);
  const brand = test?.brand ?? brandOf(digits);
  if (!new RegExp(`^\\d{${cvcLength(brand)}}$`).test(input.cvc)) return fail("invalid_cvc");
  if (test?.setup === "decline") return { ok: false, decline: test.decline };
  return {
    ok: true,
    digits,
    brand,
    last4: digits.slice(-4),
    expMonth: input.expMonth,
    expYear,
    charge: test?.setup === "succeed" ? test.charge : "succeed",
  };
}
