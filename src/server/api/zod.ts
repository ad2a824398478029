/**
 * Input primitives every router shares — the one home for how ids, instants, calendar dates, cursors,
 * idempotency keys and free text are validated. Router schema files build on these instead of bare
 * `z.string()` / `z.coerce.date()`, so a rule (a date window, refusing NUL) holds everywhere at once.
 */
import { z } from "zod";
import { decodeKeysetCursor, CURSOR_MAX_LENGTH } from "~/lib/cursor";
import { isValidIsoDate } from "~/lib/time/zoned";

/* ── ids ── */

/** A ULID (26 Crockford base-32 characters). */
export const ZId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: "Invalid id" });

/* ── dates ── */

/**
 * Every instant and calendar date an input may carry lies in [2000-01-01, 2100-01-01). Outside it nothing
 * in the product makes sense, and far-out values (year 1, ±8.64e15 ms) overflow PostgreSQL's timestamptz
 * or the slot arithmetic — they must be a 400, not a 500.
 */
export const DATE_WINDOW = { min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)) } as const;
const OUT_OF_WINDOW = "Choose a date between 2000 and 2099";

const inWindow = (d: Date) => !Number.isNaN(d.getTime()) && d >= DATE_WINDOW.min && d < DATE_WINDOW.max;

/** An instant (Date, ISO string or epoch ms) inside DATE_WINDOW. */
export const ZInstant = z.coerce
  .date({ message: "Enter a valid date and time" })
  .refine(inWindow, { message: OUT_OF_WINDOW });

/** A calendar date "YYYY-MM-DD" inside DATE_WINDOW. */
export const ZIsoDate = z
  .string()
  .max(10)
  .refine(isValidIsoDate, { message: "Use a date like 2026-03-09" })
  .refine((v) => v >= "2000-01-01" && v < "2100-01-01", { message: OUT_OF_WINDOW });

/* ── cursors and keys ── */

/** An opaque page cursor (what a previous page returned as `nextCursor`): URL-safe characters only. */
export const ZCursorToken = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, { message: "Invalid cursor" });

/** A keyset cursor written by `encodeKeysetCursor` (src/lib/cursor.ts); anything else is a 400. */
export const ZKeysetCursor = z
  .string()
  .max(CURSOR_MAX_LENGTH, { message: "Invalid cursor" })
  .refine((v) => decodeKeysetCursor(v) !== null, { message: "Invalid cursor" });

/** A client-generated idempotency key (a UUID or ULID made when the user presses the button). */
export const ZIdempotencyKey = z
  .string()
  .min(8, { message: "Invalid idempotency key" })
  .max(64, { message: "Invalid idempotency key" })
  .regex(/^[A-Za-z0-9_-]+$/, { message: "Invalid idempotency key" });

/* ── text ── */

// C0 controls except tab/newline/carriage return, DEL and C1 controls. U+0000 in particular: PostgreSQL
// text and jsonb cannot store it, so it would otherwise surface as a 500.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK = /[\t\n\r\u2028\u2029]/;
// Bidi embedding/override/isolate controls: they reorder how text is shown (spoofed names, "Trojan source").
// Ordinary right-to-left text needs none of them.
// A lone UTF-16 surrogate cannot be encoded as UTF-8 (it would be stored as U+FFFD, silently changed).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
// What renders as nothing: whitespace, format characters (zero-width space/joiners, word joiner, BOM, soft
// hyphen), combining marks on nothing, and the blank-looking fillers.
const INVISIBLE = /[\p{White_Space}\p{Cf}\p{M}\u115F\u1160\u2800\u3164\uFFA0]/gu;

/** True when the text shows at least one visible character. */
export function hasVisibleText(s: string): boolean {
  return s.replace(INVISIBLE, "").length > 0;
}

export type TextOptions = {
  /** Longest accepted text, in characters, after trimming and NFC normalisation. */
  max: number;
  /** Shortest; 1 or more also means "must show something visible". Default 0 (optional text). */
  min?: number;
  /** Allow line breaks (bios, messages, notes). Default false (names, headlines, single-line fields). */
  multiline?: boolean;
};

/**
 * Human-written text: trimmed, NFC-normalised, then refused when it holds control characters (U+0000
 * included), bidi override/isolate controls, line breaks in a single-line field, or — when not empty — nothing
 * visible (e.g. only zero-width characters). Lengths are checked after normalisation, as stored.
 */
export function zText({ max, min = 0, multiline = false }: TextOptions) {
  let s = z
    .string()
    .max(max * 4 + 64, { message: `At most ${max} characters` }) // cheap guard before normalising huge input
    .trim()
    .normalize("NFC")
    .refine((v) => !CONTROL.test(v), { message: "Remove the control characters" })
    .refine((v) => !BIDI_CONTROL.test(v), { message: "Remove the text-direction control characters" })
    .refine((v) => !LONE_SURROGATE.test(v), { message: "Contains invalid characters" });
  if (!multiline) s = s.refine((v) => !LINE_BREAK.test(v), { message: "Use a single line" });
  s = s.refine((v) => v === "" || hasVisibleText(v), {
    message: min > 0 ? "Required" : "Enter visible text or leave it empty",
  });
  if (min > 0) s = s.min(min, { message: min === 1 ? "Required" : `At least ${min} characters` });
  return s.max(max, { message: `At most ${max} characters` });
}

/**
 * A machine string that still reaches storage or a log (a time-zone name, a search query): no control
 * characters, bounded length. Not trimmed or normalised beyond that.
 */
export function zPlainString(max: number) {
  return z
    .string()
    .max(max, { message: `At most ${max} characters` })
    .refine((v) => !CONTROL.test(v), { message: "Remove the control characters" })
    .refine((v) => !LONE_SURROGATE.test(v), { message: "Contains invalid characters" });
}

/* ── errors ── */

/**
 * Wording for zod's own issues when a schema gave no message: short sentences for people, never zod's
 * vocabulary ("expected string, received number"). Messages written in a schema always win over these.
 */
function friendlyIssue(iss: z.core.$ZodRawIssue): string {
  const origin = "origin" in iss ? String(iss.origin) : "";
  switch (iss.code) {
    case "invalid_type":
      return iss.input === undefined ? "Required" : "Invalid value";
    case "too_small": {
      const min = Number(iss.minimum);
      if (origin === "string") return min <= 1 ? "Required" : `At least ${min} characters`;
      if (origin === "array" || origin === "set") return `Choose at least ${min}`;
      if (origin === "date") return "Too early";
      return `At least ${min}`;
    }
    case "too_big": {
      const max = Number(iss.maximum);
      if (origin === "string") return `At most ${max} characters`;
      if (origin === "array" || origin === "set") return `At most ${max} items`;
      if (origin === "date") return "Too late";
      return `At most ${max}`;
    }
    case "invalid_format":
      return iss.format === "email" ? "Enter a valid email address" : "Invalid format";
    case "invalid_value":
      return "Choose one of the options";
    case "unrecognized_keys":
      return "Unexpected field";
    case "not_multiple_of":
      return `Use a multiple of ${String(iss.divisor)}`;
    default:
      return "Invalid value";
  }
}
z.config({ customError: friendlyIssue });

export type ValidationSummary = { message: string; fieldErrors: Record<string, string[]>; formErrors: string[] };

/**
 * What a client learns from a failed input parse: one sentence plus per-field messages keyed by the field's
 * path ("firstName"; a nested one under "location.addressLine" and "location"). Issue codes, expected/received types and the raw issue list stay
 * on the server.
 */
export function summariseZodError(error: z.ZodError): ValidationSummary {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    if (!key) {
      if (!formErrors.includes(issue.message)) formErrors.push(issue.message);
      continue;
    }
    // Under the full path, and under the top-level field too (forms show nested problems on their section).
    const top = String(issue.path[0]);
    for (const k of top === key ? [key] : [key, top]) {
      const list = (fieldErrors[k] ??= []);
      if (!list.includes(issue.message)) list.push(issue.message);
    }
  }
  const message =
    Object.keys(fieldErrors).length > 0
      ? "Please check the highlighted fields."
      : (formErrors[0] ?? "That request wasn't valid.");
  return { message, fieldErrors, formErrors };
}
