/**
 * Card-number facts shared by the local gateway (server) and the local test-card form (browser): Stripe's
 * documented test cards (https://docs.stripe.com/testing), the Luhn check and brand detection. Pure and isomorphic.
 */

/** What happens when a saved card is authorized off-session later. */
export type ChargeBehaviour = "succeed" | "authentication_required" | "decline";

/** Stripe's messages for these codes (card error messages are meant for the cardholder). */
export const CARD_MESSAGES = {
  card_declined: "Your card was declined.",
  insufficient_funds: "Your card has insufficient funds.",
  expired_card: "Your card has expired.",
  incorrect_cvc: "Your card's security code is incorrect.",
  incorrect_number: "Your card number is incorrect.",
  invalid_number: "Your card number is invalid.",
  invalid_expiry_month: "Your card's expiration month is invalid.",
  invalid_expiry_year: "Your card's expiration year is invalid.",
  invalid_cvc: "Your card's security code is invalid.",
  authentication_required: "Your card was declined. This transaction requires authentication.",
} as const;
export type CardErrorCode = keyof typeof CARD_MESSAGES;

export type CardDecline = { code: string; declineCode: string | null; message: string };

export type TestCard = { number: string; brand: string; description: string } & (
  { setup: "succeed"; charge: ChargeBehaviour } | { setup: "decline"; decline: CardDecline }
);

const declined = (declineCode: string, message: string = CARD_MESSAGES.card_declined): CardDecline => ({
  code: "card_declined",
  declineCode,
  message,
});

/** Stripe's documented test numbers and their outcomes, in Stripe's terms. */
export const TEST_CARDS: readonly TestCard[] = [
  { number: "4242424242424242", brand: "visa", description: "Succeeds", setup: "succeed", charge: "succeed" },
  {
    number: "5555555555554444",
    brand: "mastercard",
    description: "Succeeds (Mastercard)",
    setup: "succeed",
    charge: "succeed",
  },
  {
    number: "378282246310005",
    brand: "amex",
    description: "Succeeds (American Express, 4-digit CVC)",
    setup: "succeed",
    charge: "succeed",
  },
  {
    number: "4000056655665556",
    brand: "visa",
    description: "Succeeds (Visa debit)",
    setup: "succeed",
    charge: "succeed",
  },
  {
    number: "4000000000000002",
    brand: "visa",
    description: "Declined when saved (generic decline)",
    setup: "decline",
    decline: declined("generic_decline"),
  },
  {
    number: "4000000000009995",
    brand: "visa",
    description: "Declined when saved (insufficient funds)",
    setup: "decline",
    decline: declined("insufficient_funds", CARD_MESSAGES.insufficient_funds),
  },
  {
    number: "4000000000000069",
    brand: "visa",
    description: "Declined when saved (expired card)",
    setup: "decline",
    decline: { code: "expired_card", declineCode: "expired_card", message: CARD_MESSAGES.expired_card },
  },
  {
    number: "4000000000000127",
    brand: "visa",
    description: "Declined when saved (incorrect CVC)",
    setup: "decline",
    decline: { code: "incorrect_cvc", declineCode: "incorrect_cvc", message: CARD_MESSAGES.incorrect_cvc },
  },
  {
    number: "4000002760003184",
    brand: "visa",
    description: "Saved after authentication; off-session charges need authentication",
    setup: "succeed",
    charge: "authentication_required",
  },
  {
    number: "4000000000000341",
    brand: "visa",
    description: "Saved, but declined when charged",
    setup: "succeed",
    charge: "decline",
  },
];

const BY_NUMBER = new Map(TEST_CARDS.map((c) => [c.number, c]));

export function findTestCard(digits: string): TestCard | undefined {
  return BY_NUMBER.get(digits);
}

/** The decline a "decline when charged" card produces at authorization (4000000000000341). */
export const CHARGE_DECLINE: CardDecline = declined("generic_decline");
/** What an off-session charge of a card that always needs 3-D Secure produces (4000002760003184). */
export const AUTHENTICATION_REQUIRED: CardDecline = {
  code: "authentication_required",
  declineCode: "authentication_required",
  message: CARD_MESSAGES.authentication_required,
};

/** Only the digits of a typed card number (spaces and dashes are how people type them). */
export function cardDigits(number: string): string {
  return number.replace(/[\s-]/g, "");
}

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Card brand from the number's prefix, in Stripe's brand vocabulary. */
export function brandOf(digits: string): string {
  if (/^4/.test(digits)) return "visa";
  if (/^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/.test(digits)) return "mastercard";
  if (/^3[47]/.test(digits)) return "amex";
  if (/^(6011|65|64[4-9])/.test(digits)) return "discover";
  if (/^3(0[0-5]|[689])/.test(digits)) return "diners";
  if (/^35(2[89]|[3-8])/.test(digits)) return "jcb";
  if (/^62/.test(digits)) return "unionpay";
  return "unknown";
}

/** Digits of CVC the brand uses. */
export const cvcLength = (brand: string) => (brand === "amex" ? 4 : 3);

/** A card is valid through the last day of its expiry month. Two-digit years are 20YY. */
export function isExpired(expMonth: number, expYear: number, now: Date): boolean {
  const year = expYear < 100 ? 2000 + expYear : expYear;
  return year < now.getUTCFullYear() || (year === now.getUTCFullYear() && expMonth < now.getUTCMonth() + 1);
}
