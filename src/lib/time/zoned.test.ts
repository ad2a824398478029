import { describe, expect, it } from "vitest";
import {
  addDays,
  datesInRange,
  daysBetween,
  epochDayFromIsoDate,
  formatInZone,
  getZone,
  instantToLocal,
  isoDateFromEpochDay,
  isoWeekday,
  isValidIsoDate,
  isValidTimeZone,
  localDateToday,
  localDatesForRange,
  localDayBounds,
  localMinuteToInstant,
  localMinuteToInstants,
  offsetMinutesAt,
  offsetSegments,
  startOfLocalDay,
  weekStartOf,
} from "./zoned";

const NY = "America/New_York";
const LON = "Europe/London";
const utc = (iso: string) => new Date(iso);

describe("calendar math", () => {
  it("validates strict ISO dates", () => {
    for (const ok of ["2026-01-01", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"]) {
      expect(isValidIsoDate(ok)).toBe(true);
    }
    for (const bad of [
      "2026-02-29",
      "1900-02-29",
      "2026-13-01",
      "2026-00-10",
      "2026-04-31",
      "2026-1-01",
      "20260101",
      "2026-01-01T00:00",
      "",
      null,
      20260101,
    ]) {
      expect(isValidIsoDate(bad)).toBe(false);
    }
    expect(() => epochDayFromIsoDate("2026-02-30")).toThrow(RangeError);
  });

  it("epoch day conversions round-trip across centuries", () => {
    expect(epochDayFromIsoDate("1970-01-01")).toBe(0);
    expect(isoDateFromEpochDay(-1)).toBe("1969-12-31");
    for (let d = -719_000; d < 2_900_000; d += 997) {
      const iso = isoDateFromEpochDay(d);
      expect(epochDayFromIsoDate(iso)).toBe(d);
      expect(new Date(d * 86_400_000).toISOString().slice(0, 10)).toBe(iso);
    }
  });

  it("addDays crosses months, years and leap days", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-03-08", 0)).toBe("2026-03-08");
    expect(addDays("2026-01-01", 365)).toBe("2027-01-01");
    expect(() => addDays("2026-01-01", 0.5)).toThrow(RangeError);
    expect(daysBetween("2026-01-01", "2026-03-01")).toBe(59);
  });

  it("weeks start Monday", () => {
    expect(isoWeekday("2026-03-02")).toBe(1); // Monday
    expect(isoWeekday("2026-03-08")).toBe(7); // Sunday
    expect(isoWeekday("1970-01-01")).toBe(4); // Thursday
    expect(isoWeekday("1969-12-29")).toBe(1);
    expect(weekStartOf("2026-03-08")).toBe("2026-03-02");
    expect(weekStartOf("2026-03-02")).toBe("2026-03-02");
    expect(weekStartOf("2026-03-03")).toBe("2026-03-02");
    expect(weekStartOf("2027-01-01")).toBe("2026-12-28");
  });

  it("datesInRange is inclusive and empty when reversed", () => {
    expect(datesInRange("2026-02-27", "2026-03-02")).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    expect(datesInRange("2026-03-02", "2026-03-02")).toEqual(["2026-03-02"]);
    expect(datesInRange("2026-03-03", "2026-03-02")).toEqual([]);
  });
});

describe("zones", () => {
  it("isValidTimeZone", () => {
    expect(isValidTimeZone(NY)).toBe(true);
    expect(isValidTimeZone("Asia/Kolkata")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    for (const bad of ["Mars/Olympus", "", "+05:30", "-0800", "5", null, undefined, 3]) {
      expect(isValidTimeZone(bad)).toBe(false);
    }
    expect(() => getZone("Mars/Olympus")).toThrow(RangeError);
    expect(() => localMinuteToInstant("2026-01-01", 0, "nope")).toThrow(RangeError);
  });

  it("localDateToday depends on the zone, not the process", () => {
    const now = utc("2026-06-15T03:30:00Z");
    expect(localDateToday(NY, now)).toBe("2026-06-14");
    expect(localDateToday("UTC", now)).toBe("2026-06-15");
    expect(localDateToday("Pacific/Auckland", utc("2026-06-14T12:00:00Z"))).toBe("2026-06-15");
    expect(localDateToday("Asia/Kolkata", utc("2026-06-14T18:29:00Z"))).toBe("2026-06-14");
    expect(localDateToday("Asia/Kolkata", utc("2026-06-14T18:30:00Z"))).toBe("2026-06-15");
    expect(typeof localDateToday(NY)).toBe("string");
  });

  it("offsetMinutesAt", () => {
    expect(offsetMinutesAt(utc("2026-01-15T12:00:00Z"), NY)).toBe(-300);
    expect(offsetMinutesAt(utc("2026-07-15T12:00:00Z"), NY)).toBe(-240);
    expect(offsetMinutesAt(utc("2026-07-15T12:00:00Z"), "Asia/Kolkata")).toBe(330);
    expect(offsetMinutesAt(utc("2026-01-15T12:00:00Z"), "Asia/Kathmandu")).toBe(345);
  });
});

describe("localMinuteToInstant / instantToLocal", () => {
  it("ordinary minutes", () => {
    expect(localMinuteToInstant("2026-06-15", 9 * 60, NY)).toEqual(utc("2026-06-15T13:00:00Z"));
    expect(localMinuteToInstant("2026-01-15", 9 * 60, NY)).toEqual(utc("2026-01-15T14:00:00Z"));
    expect(localMinuteToInstant("2026-06-15", 9 * 60, "Asia/Kolkata")).toEqual(utc("2026-06-15T03:30:00Z"));
    expect(localMinuteToInstant("2026-06-15", 9 * 60, "Pacific/Auckland")).toEqual(utc("2026-06-14T21:00:00Z"));
    expect(instantToLocal(utc("2026-06-15T03:30:00Z"), "Asia/Kolkata")).toEqual({ date: "2026-06-15", minute: 540 });
    expect(instantToLocal(utc("2026-06-14T21:00:00Z"), "Pacific/Auckland")).toEqual({
      date: "2026-06-15",
      minute: 540,
    });
  });

  it("minute 1440 is the next day's midnight", () => {
    expect(localMinuteToInstant("2026-06-15", 1440, NY)).toEqual(localMinuteToInstant("2026-06-16", 0, NY));
    expect(() => localMinuteToInstant("2026-06-15", 1441, NY)).toThrow(RangeError);
    expect(() => localMinuteToInstant("2026-06-15", -1, NY)).toThrow(RangeError);
    expect(() => localMinuteToInstant("2026-06-15", 1.5, NY)).toThrow(RangeError);
  });

  it("truncates seconds when converting to local", () => {
    expect(instantToLocal(utc("2026-06-15T13:00:59.999Z"), NY)).toEqual({ date: "2026-06-15", minute: 540 });
    expect(() => instantToLocal(new Date(Number.NaN), NY)).toThrow(RangeError);
  });

  it("New York spring-forward (2026-03-08): 02:00–02:59 do not exist", () => {
    expect(localMinuteToInstant("2026-03-08", 119, NY)).toEqual(utc("2026-03-08T06:59:00Z"));
    for (let m = 120; m < 180; m++) {
      expect(localMinuteToInstant("2026-03-08", m, NY)).toBeNull();
      expect(localMinuteToInstants("2026-03-08", m, NY)).toEqual([]);
    }
    expect(localMinuteToInstant("2026-03-08", 180, NY)).toEqual(utc("2026-03-08T07:00:00Z"));
    expect(instantToLocal(utc("2026-03-08T06:59:00Z"), NY)).toEqual({ date: "2026-03-08", minute: 119 });
    expect(instantToLocal(utc("2026-03-08T07:00:00Z"), NY)).toEqual({ date: "2026-03-08", minute: 180 });
  });

  it("New York fall-back (2026-11-01): 01:00–01:59 repeat, earlier occurrence wins", () => {
    expect(localMinuteToInstant("2026-11-01", 90, NY)).toEqual(utc("2026-11-01T05:30:00Z"));
    expect(localMinuteToInstants("2026-11-01", 90, NY)).toEqual([
      utc("2026-11-01T05:30:00Z"),
      utc("2026-11-01T06:30:00Z"),
    ]);
    expect(localMinuteToInstants("2026-11-01", 59, NY)).toEqual([utc("2026-11-01T04:59:00Z")]);
    expect(localMinuteToInstants("2026-11-01", 120, NY)).toEqual([utc("2026-11-01T07:00:00Z")]);
    expect(instantToLocal(utc("2026-11-01T05:30:00Z"), NY)).toEqual({ date: "2026-11-01", minute: 90 });
    expect(instantToLocal(utc("2026-11-01T06:30:00Z"), NY)).toEqual({ date: "2026-11-01", minute: 90 });
  });

  it("London spring-forward (2026-03-29) and fall-back (2026-10-25)", () => {
    expect(localMinuteToInstant("2026-03-29", 59, LON)).toEqual(utc("2026-03-29T00:59:00Z"));
    expect(localMinuteToInstant("2026-03-29", 60, LON)).toBeNull();
    expect(localMinuteToInstant("2026-03-29", 119, LON)).toBeNull();
    expect(localMinuteToInstant("2026-03-29", 120, LON)).toEqual(utc("2026-03-29T01:00:00Z"));
    expect(localMinuteToInstants("2026-10-25", 75, LON)).toEqual([
      utc("2026-10-25T00:15:00Z"),
      utc("2026-10-25T01:15:00Z"),
    ]);
  });

  it("a midnight gap (America/Santiago 2026-09-06) and a skipped day (Pacific/Apia 2011-12-30)", () => {
    expect(localMinuteToInstant("2026-09-06", 0, "America/Santiago")).toBeNull();
    expect(startOfLocalDay("2026-09-06", "America/Santiago")).toEqual(utc("2026-09-06T04:00:00Z"));
    expect(instantToLocal(utc("2026-09-06T04:00:00Z"), "America/Santiago")).toEqual({ date: "2026-09-06", minute: 60 });
    expect(localMinuteToInstant("2011-12-30", 600, "Pacific/Apia")).toBeNull();
    expect(instantToLocal(startOfLocalDay("2011-12-30", "Pacific/Apia"), "Pacific/Apia")).toEqual({
      date: "2011-12-31",
      minute: 0,
    });
  });

  it("round-trips every minute of DST days: wall → instant → wall", () => {
    for (const [zone, date] of [
      [NY, "2026-03-08"],
      [NY, "2026-11-01"],
      [LON, "2026-03-29"],
      [LON, "2026-10-25"],
      ["Pacific/Auckland", "2026-04-05"],
      ["Pacific/Auckland", "2026-09-27"],
      ["Asia/Kolkata", "2026-03-08"],
    ] as const) {
      let existing = 0;
      for (let m = 0; m < 1440; m++) {
        for (const t of localMinuteToInstants(date, m, zone)) {
          existing++;
          expect(instantToLocal(t, zone)).toEqual({ date, minute: m });
        }
      }
      const { start, end } = localDayBounds(date, zone);
      expect(existing).toBe((end.getTime() - start.getTime()) / 60_000);
    }
  });
});

describe("day bounds and ranges", () => {
  it("DST days are 23 and 25 hours long", () => {
    const hours = (date: string, zone: string) => {
      const { start, end } = localDayBounds(date, zone);
      return (end.getTime() - start.getTime()) / 3_600_000;
    };
    expect(hours("2026-03-08", NY)).toBe(23);
    expect(hours("2026-11-01", NY)).toBe(25);
    expect(hours("2026-06-01", NY)).toBe(24);
    expect(hours("2026-03-29", LON)).toBe(23);
    expect(hours("2026-10-25", LON)).toBe(25);
    expect(hours("2026-04-05", "Pacific/Auckland")).toBe(25);
    expect(hours("2026-09-27", "Pacific/Auckland")).toBe(23);
  });

  it("localDatesForRange lists every touched local date", () => {
    expect(localDatesForRange(utc("2026-03-07T05:00:00Z"), utc("2026-03-09T05:00:00Z"), NY)).toEqual([
      "2026-03-07",
      "2026-03-08",
      "2026-03-09",
    ]);
    expect(localDatesForRange(utc("2026-03-07T05:00:00Z"), utc("2026-03-09T04:00:00Z"), NY)).toEqual([
      "2026-03-07",
      "2026-03-08",
    ]);
    expect(localDatesForRange(utc("2026-03-07T05:00:00Z"), utc("2026-03-07T05:00:00Z"), NY)).toEqual([]);
    // Santiago falls back at midnight: 2026-04-05T03:00Z is 00:00 on 04-05 (−03) and 03:30Z is 23:30 on 04-04 (−04).
    expect(localDatesForRange(utc("2026-04-05T03:10:00Z"), utc("2026-04-05T03:40:00Z"), "America/Santiago")).toEqual([
      "2026-04-04",
    ]);
    expect(localDatesForRange(utc("2026-04-05T02:50:00Z"), utc("2026-04-05T03:40:00Z"), "America/Santiago")).toEqual([
      "2026-04-04",
    ]);
  });

  it("offsetSegments finds transitions to the minute", () => {
    const start = Date.UTC(2026, 0, 1) / 60_000;
    const segs = offsetSegments(getZone(NY), start, start + 365 * 1440);
    expect(segs.map((s) => [new Date(s.start * 60_000).toISOString(), s.offset])).toEqual([
      ["2026-01-01T00:00:00.000Z", -300],
      ["2026-03-08T07:00:00.000Z", -240],
      ["2026-11-01T06:00:00.000Z", -300],
    ]);
    expect(segs.at(-1)?.end).toBe(start + 365 * 1440);
    expect(offsetSegments(getZone(NY), 10, 10)).toEqual([]);
    expect(offsetSegments(getZone("Asia/Kolkata"), start, start + 1)).toEqual([{ start, end: start + 1, offset: 330 }]);
  });
});

describe("formatInZone", () => {
  it("formats in the zone with a fixed locale", () => {
    const t = utc("2026-11-01T06:30:00Z");
    expect(formatInZone(t, NY, "yyyy-LL-dd HH:mm ZZZZ")).toBe("2026-11-01 01:30 EST");
    expect(formatInZone(utc("2026-11-01T05:30:00Z"), NY, "HH:mm ZZ")).toBe("01:30 -04:00");
    expect(formatInZone(t, "Asia/Kolkata", "ccc d LLL, h:mm a")).toBe("Sun 1 Nov, 12:00 PM");
    expect(formatInZone(t, "Europe/Paris", "cccc", "fr")).toBe("dimanche");
    expect(() => formatInZone(t, "Nope/Zone", "HH:mm")).toThrow(RangeError);
  });
});
