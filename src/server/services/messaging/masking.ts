/**
 * Anti-circumvention (PRODUCT.md §6): before a pair's first confirmed booking, contact details in messages are
 * replaced, as Preply and Airbnb do. Masking happens when a message is written (send and edit), so the details
 * never reach storage, the live stream, emails or the other person.
 *
 * The rule — what counts as a contact detail before a booking:
 * - email addresses, including the spelled-out dodges ("jane (at) mail (dot) com", "jane at mail.com");
 * - phone numbers: 7–15 digits with the usual separators, each number on its own (two numbers side by side
 *   are two numbers), plus longer digit runs that can only be several numbers written together;
 * - links of any kind — "https://…", "www.…", bare domains ("instagram.com/x", "jane.dev") and messenger
 *   short links ("wa.me/…", "t.me/…", "m.me/…"). A link is a way to reach someone outside the platform, so
 *   before a booking every link is hidden, whatever site it points to;
 * - social handles: "@handle", and a handle named with its platform ("ig: jane", "my insta is jane").
 * What is NOT a contact detail, and stays as written: times ("at 5pm", "10:30-11:30", "10.30-11.30"), dates
 * ("2026-03-09", "12.03.2026", "3/14"), prices ("$60", "$1,200", "$55.50"), ranges ("1200-1450"), the word
 * "at" in ordinary sentences ("book me directly at the studio"), abbreviations ("op. 28", "e.g.", "ASP.NET").
 */
export const EMAIL_PLACEHOLDER = "[email hidden]";
export const PHONE_PLACEHOLDER = "[phone hidden]";
export const LINK_PLACEHOLDER = "[link hidden]";
export const HANDLE_PLACEHOLDER = "[handle hidden]";

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/giu;
// "jane @ example.com": with spaces around "@" only a known mail TLD makes it an address ("follow @jane.piano" is a handle).
const EMAIL_SPACED =
  /[\p{L}\p{N}._%+-]+\s*@\s*[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|net|org|edu|gov|io|co|me|us|uk|ca|de|fr)\b/giu;
// The usual dodges: "jane (at) mail (dot) com", "jane at mail dot com", "jane at mail.com".
const AT = String.raw`(?:\s*(?:\(at\)|\[at\])\s*|\s+at\s+)`;
const DOT = String.raw`(?:\s*(?:\(dot\)|\[dot\])\s*|\s+dot\s+)`;
const MAIL_TLD = String.raw`(?:${DOT}(?:com|net|org|edu|gov|io|co|me|us|uk|ca|de|fr)\b|\.(?:com|net|org|edu|gov|io|co|me|us|uk|ca|de|fr)\b)`;
const EMAIL_SPELLED = new RegExp(
  String.raw`[\p{L}\p{N}._%+-]+${AT}[\p{L}\p{N}-]+(?:${DOT}[\p{L}\p{N}-]+)*${MAIL_TLD}`,
  "giu",
);

// Links. Top-level domains are matched in lower case only, so abbreviations like "ASP.NET" or "U.S." stay text;
// two-letter words that are also TLDs but common in prose ("to", "so", "in", "it") are left out.
const TLDS =
  "com|net|org|edu|gov|io|co|me|app|dev|ly|gg|tv|us|uk|ca|de|fr|es|nl|info|biz|link|page|site|xyz|online|store|shop|club|live|ai|nyc";
const URL_WITH_SCHEME = /\b(?:https?|ftp):\/\/[^\s<>"']+/gi;
const WWW = /\bwww\.[^\s<>"']+/gi;
const BARE_DOMAIN = new RegExp(
  String.raw`(?<![\w@.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:${TLDS})\b(?:/[^\s<>"']*)?`,
  "g",
);
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;

// Handles. "@5pm" / "@ 10:30" are times, not handles.
const AT_HANDLE = /(?<![\w@.])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,29}))/g;
const TIME_LIKE = /^\d{1,2}(?::\d{2})?(?:am|pm)?$/i;
const PLATFORM = String.raw`(?:ig|insta|instagram|snap|snapchat|tiktok|telegram|whatsapp|twitter|facebook|fb|discord|skype|wechat|kik|signal|threads)`;
// "ig: jane", "snapchat = jane", "telegram handle: jane", "my insta is jane" ("whatsapp is fine" is not a handle).
const PLATFORM_HANDLE = new RegExp(
  String.raw`\b${PLATFORM}\b(?:\s+(?:handle|id|username|user|name|account))?\s*[:=]\s*@?[\p{L}\p{N}_.]{2,30}|\bmy\s+${PLATFORM}(?:\s+(?:handle|id|username|user|name|account))?\s+(?:is\s+)?@?[\p{L}\p{N}_.]{2,30}`,
  "giu",
);

// Phones: a run of digits with the separators people put in phone numbers ("/" is not one: "a / b" is two
// numbers, "3/14" a date), judged by its digit count and shape below.
const PHONE_CANDIDATE = /\+?\(?\d[\d\s().-]{5,}\d/g;
const NOT_PHONE = [
  /^\d{4}-\d{2}-\d{2}$/, // 2026-03-09
  /^\d{1,2}[.-]\d{1,2}[.-](?:\d{2}|\d{4})$/, // 12.03.2026, 3-14-26
  /^\d{4}[.-]\d{1,2}[.-]\d{1,2}$/, // 2026.03.09
  /^\d{1,2}[.:]\d{2}\s*-\s*\d{1,2}[.:]\d{2}$/, // 10.30-11.30
  /^\d{4,}\s*-\s*\d{3,}$/, // 1200-1450, 2019-2024 (a range; local phone numbers are 3-4: 555-0142)
];

function isPhone(candidate: string): boolean {
  // Stryker disable next-line MethodExpression: equivalent mutant — PHONE_CANDIDATE starts with "+", "(" or a digit and ends with a digit, so trim() never changes it.
  const c = candidate.trim();
  const digits = c.replace(/\D/g, "").length;
  if (digits < 7) return false;
  return !NOT_PHONE.some((re) => re.test(c));
}

/** Replaces a link but keeps sentence punctuation that ended up glued to it ("see x.com." → "see [link hidden]."). */
function linkReplacer(mark: () => void) {
  return (m: string) => {
    const tail = TRAILING_PUNCTUATION.exec(m)?.[0] ?? "";
    mark();
    return LINK_PLACEHOLDER + tail;
  };
}

/** Replaces contact details (emails, phone numbers, links, social handles); `masked` tells whether anything was. */
export function maskContactDetails(text: string): { text: string; masked: boolean } {
  let masked = false;
  const mark = () => {
    masked = true;
  };
  const out = text
    .replace(EMAIL, () => (mark(), EMAIL_PLACEHOLDER))
    .replace(EMAIL_SPACED, () => (mark(), EMAIL_PLACEHOLDER))
    .replace(EMAIL_SPELLED, () => (mark(), EMAIL_PLACEHOLDER))
    .replace(URL_WITH_SCHEME, linkReplacer(mark))
    .replace(WWW, linkReplacer(mark))
    .replace(BARE_DOMAIN, linkReplacer(mark))
    .replace(PLATFORM_HANDLE, () => (mark(), HANDLE_PLACEHOLDER))
    .replace(AT_HANDLE, (m: string, handle: string) => (TIME_LIKE.test(handle) ? m : (mark(), HANDLE_PLACEHOLDER)))
    .replace(PHONE_CANDIDATE, (m) => {
      if (!isPhone(m)) return m;
      mark();
      return PHONE_PLACEHOLDER;
    });
  return { text: out, masked };
}
