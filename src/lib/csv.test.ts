import { describe, expect, it } from "vitest";
import { csvCell, csvFileName, toCsv } from "./csv";

describe("csv", () => {
  it("neutralises cells a spreadsheet would run as a formula", () => {
    for (const s of ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x"])
      expect(csvCell(s).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
  });
  it("keeps plain text, numbers (negative included), dates and empties", () => {
    expect(csvCell("Ada Admin")).toBe("Ada Admin");
    expect(csvCell(-1500)).toBe("-1500");
    expect(csvCell(new Date("2026-01-02T03:04:05.000Z"))).toBe("2026-01-02T03:04:05.000Z");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(true)).toBe("true");
  });
  it("quotes commas, quotes and line breaks", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
  });
  it("writes a header and rows with CRLF", () => {
    const csv = toCsv(
      [
        { header: "Name", value: (r: { n: string; v: number }) => r.n },
        { header: "Value", value: (r) => r.v },
      ],
      [
        { n: "x", v: 1 },
        { n: "=y", v: -2 },
      ],
    );
    expect(csv).toBe("Name,Value\r\nx,1\r\n'=y,-2\r\n");
  });
  it("makes safe file names", () => {
    expect(csvFileName("Users export", "2026-11-30")).toBe("users-export-2026-11-30.csv");
  });
});
