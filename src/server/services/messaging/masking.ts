/**
 * Anti-circumvention (PRODUCT.md §6): before a pair's first confirmed booking, email addresses and phone numbers
 * in messages are replaced, as Preply and Airbnb do. Masking happens when a message is written (send and edit), so
 * the contact details never reach storage, the live stream, emails or the other person.
 */
export const EMAIL_PLACEHOLDER = "[email hidden]";
export const PHONE_PLACEHOLDER = "[phone hidden]";

const EMAIL = /[\p{L}\p{N}._%+-]+\s*@\s*[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/giu;
// The usual dodges: "jane (at) mail (dot) com", "jane at mail dot com", "jane at mail.com".
const AT = String.raw`(?:\s*(?:\(at\)|\[at\])\s*|\s+at\s+)`;
const DOT = String.raw`(?:\s*(?:\(dot\)|\[dot\])\s*|\s+dot\s+)`;
const TLD = String.raw`(?:${DOT}\p{L}{2,}|\.(?:com|net|org|edu|gov|io|co|me|us|uk|ca|de|fr)\b)`;
const EMAIL_SPELLED = new RegExp(String.raw`[\p{L}\p{N}._%+-]+${AT}[\p{L}\p{N}-]+(?:${DOT}[\p{L}\p{N}-]+)*${TLD}`, "giu");
// A run of digits with the separators people put in phone numbers; judged by its digit count below.
const PHONE_CANDIDATE = /\+?\(?\d[\d\s().\-/]{5,}\d/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isPhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, "").length;
  // 7 (local) to 15 (E.164 maximum) digits; dates like 2026-03-09 are not phone numbers.
  return digits >= 7 && digits <= 15 && !ISO_DATE.test(candidate.trim());
}

/** Replaces contact details; `masked` tells whether anything was replaced. */
export function maskContactDetails(text: string): { text: string; masked: boolean } {
  let masked = false;
  const noEmails = text
    .replace(EMAIL, () => ((masked = true), EMAIL_PLACEHOLDER))
    .replace(EMAIL_SPELLED, () => ((masked = true), EMAIL_PLACEHOLDER));
  const noPhones = noEmails.replace(PHONE_CANDIDATE, (m) => (isPhone(m) ? ((masked = true), PHONE_PLACEHOLDER) : m));
  return { text: noPhones, masked };
}
