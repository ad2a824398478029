/**
 * CSV (RFC 4180) for admin exports — the one home for how a cell is written. Cells that a spreadsheet would
 * run as a formula (starting with = + - @, or a tab / carriage return that some programs strip before
 * looking) are prefixed with an apostrophe, so an exported name like `=HYPERLINK(...)` stays text.
 */

export type CsvValue = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula-neutralised, quoted when it holds a comma, quote or line break. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let s = value instanceof Date ? value.toISOString() : String(value);
  // Numbers are written as numbers (a negative amount is data, not a formula).
  if (typeof value !== "number" && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole document: a header row, then one row per record; CRLF line ends as RFC 4180 asks. */
export function toCsv<T>(columns: { header: string; value: (row: T) => CsvValue }[], rows: readonly T[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(","));
  return lines.join("\r\n") + "\r\n";
}

/** A safe download file name: `<stem>-<YYYY-MM-DD>.csv`. */
export function csvFileName(stem: string, date: string): string {
  return `${stem.replace(/[^a-z0-9-]+/gi, "-").toLowerCase()}-${date}.csv`;
}
