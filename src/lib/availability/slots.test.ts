import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { TimeWindow } from "~/lib/time/windows";
import { instantToLocal, localMinuteToInstant } from "~/lib/time/zoned";
import { emptyDay, fullDay, isMinuteSet, rangesToBitmap, windowsToBitmap } from "./bitmap";
import {
  DEFAULT_BUFFER_MINUTES,
  DEFAULT_GRID_MINUTES,
  DEFAULT_HORIZON_DAYS,
  DEFAULT_MIN_NOTICE_MINUTES,
  computeSlots,
  firstSlot,
  groupSlotsByLocalDate,
  isSlotBookable,
  type BusyInterval,
  type SlotInput,
} from "./slots";

const NY = "America/New_York";
const LON = "Europe/London";
const MIN = 60_000;
const utc = (iso: string) => new Date(iso);

/** Instant of a wall-clock "HH:MM" on a local date (earlier occurrence when repeated). */
function at(date: string, hhmm: string, zone: string): Date {
  const [h, m] = hhmm.split(":").map(Number);
  const t = localMinuteToInstant(date, (h ?? 0) * 60 + (m ?? 0), zone);
  if (t === null) throw new Error(`nonexistent ${date} ${hhmm} in ${zone}`);
  return t;
}

/** Wall-clock "YYYY-MM-DD HH:MM" of an instant, for readable assertions. */
function wall(t: Date, zone: string): string {
  return DateTime.fromJSDate(t, { zone }).toFormat("yyyy-LL-dd HH:mm");
}

function days(entries: Record<string, TimeWindow[] | Uint8Array>): Map<string, Uint8Array> {
  return new Map(Object.entries(entries).map(([d, w]) => [d, w instanceof Uint8Array ? w : windowsToBitmap(w)]));
}

/** A SlotInput with permissive defaults: no notice, no buffer, no horizon limit, `now` far in the past. */
function input(over: Partial<SlotInput> & Pick<SlotInput, "zone" | "days" | "from" | "to">): SlotInput {
  return {
    busy: [],
    bufferMinutes: 0,
    durationMinutes: 60,
    now: utc("2000-01-01T00:00:00Z"),
    minNoticeMinutes: 0,
    horizonDays: 100_000,
    ...over,
  };
}

/** A whole local date as the from/to range. */
function wholeDay(date: string, zone: string, nextDate: string): Pick<SlotInput, "from" | "to"> {
  return { from: at(date, "00:00", zone), to: at(nextDate, "00:00", zone) };
}

/**
 * Brute-force reference: resolve every instant minute with luxon (no offset segments, no run lengths)
 * and test every candidate start minute by minute.
 */
function referenceSlots(inp: SlotInput): Date[] {
  const grid = inp.gridMinutes ?? DEFAULT_GRID_MINUTES;
  const lo = Math.max(inp.from.getTime(), inp.now.getTime() + inp.minNoticeMinutes * MIN);
  const hi = Math.min(inp.to.getTime(), inp.now.getTime() + inp.horizonDays * 1440 * MIN);
  const first = Math.ceil(lo / MIN);
  const end = Math.ceil(hi / MIN) + inp.durationMinutes;
  const avail: boolean[] = [];
  const aligned: boolean[] = [];
  for (let m = first; m < end; m++) {
    const dt = DateTime.fromMillis(m * MIN, { zone: inp.zone });
    const wallMinute = dt.hour * 60 + dt.minute;
    const bm = inp.days.get(dt.toISODate() ?? "");
    let ok = bm !== undefined && isMinuteSet(bm, wallMinute);
    for (const b of inp.busy) {
      if (b.end <= b.start) continue;
      const bs = b.start.getTime() - inp.bufferMinutes * MIN;
      const be = b.end.getTime() + inp.bufferMinutes * MIN;
      if (m * MIN < be && (m + 1) * MIN > bs) ok = false;
    }
    avail.push(ok);
    aligned.push(wallMinute % grid === 0);
  }
  const out: Date[] = [];
  for (let m = first; m * MIN < hi; m++) {
    if (!aligned[m - first]) continue;
    let ok = true;
    for (let k = 0; k < inp.durationMinutes && ok; k++) ok = avail[m - first + k] === true;
    if (ok) out.push(new Date(m * MIN));
  }
  return out;
}

describe("defaults", () => {
  it("match the product spec", () => {
    expect(DEFAULT_GRID_MINUTES).toBe(15);
    expect(DEFAULT_BUFFER_MINUTES).toBe(15);
    expect(DEFAULT_MIN_NOTICE_MINUTES).toBe(120);
    expect(DEFAULT_HORIZON_DAYS).toBe(90);
  });
});

describe("grid and duration", () => {
  it("a full UTC day yields every quarter hour whose lesson fits in the day", () => {
    const slots = computeSlots(
      input({ zone: "UTC", days: days({ "2026-06-15": fullDay() }), ...wholeDay("2026-06-15", "UTC", "2026-06-16") }),
    );
    expect(slots).toHaveLength(93); // 00:00 … 23:00
    expect(slots[0]).toEqual(utc("2026-06-15T00:00:00Z"));
    expect(slots.at(-1)).toEqual(utc("2026-06-15T23:00:00Z"));
    for (let i = 1; i < slots.length; i++) {
      expect((slots[i]?.getTime() ?? 0) - (slots[i - 1]?.getTime() ?? 0)).toBe(15 * MIN);
    }
  });

  it("starts stay on the grid even when `from` is not", () => {
    const d = days({ "2026-06-15": [{ start: "09:00", end: "12:00" }] });
    const slots = computeSlots(
      input({
        zone: NY,
        days: d,
        from: new Date(at("2026-06-15", "09:07", NY).getTime() + 13_000),
        to: at("2026-06-15", "12:00", NY),
      }),
    );
    expect(slots.map((s) => wall(s, NY))).toEqual([
      "2026-06-15 09:15",
      "2026-06-15 09:30",
      "2026-06-15 09:45",
      "2026-06-15 10:00",
      "2026-06-15 10:15",
      "2026-06-15 10:30",
      "2026-06-15 10:45",
      "2026-06-15 11:00",
    ]);
  });

  it("the whole lesson must be inside availability", () => {
    const d = days({
      "2026-06-15": [
        { start: "09:00", end: "10:00" },
        { start: "10:05", end: "11:00" },
      ],
    });
    const range = wholeDay("2026-06-15", NY, "2026-06-16");
    const walls = (durationMinutes: number) =>
      computeSlots(input({ zone: NY, days: d, ...range, durationMinutes })).map((s) => wall(s, NY).slice(11));
    expect(walls(45)).toEqual(["09:00", "09:15", "10:15"]);
    expect(walls(60)).toEqual(["09:00"]);
    expect(walls(30)).toEqual(["09:00", "09:15", "09:30", "10:15", "10:30"]);
    expect(walls(75)).toEqual([]);
  });

  it("supports other grids, aligned to local midnight", () => {
    const d = days({ "2026-06-15": [{ start: "09:00", end: "10:00" }] });
    const range = wholeDay("2026-06-15", NY, "2026-06-16");
    const walls = (gridMinutes: number) =>
      computeSlots(input({ zone: NY, days: d, ...range, durationMinutes: 30, gridMinutes })).map((s) =>
        wall(s, NY).slice(11),
      );
    expect(walls(30)).toEqual(["09:00", "09:30"]);
    expect(walls(60)).toEqual(["09:00"]);
    expect(walls(7)).toEqual(["09:06", "09:13", "09:20", "09:27"]); // 546 = 78 × 7
  });
});

describe("bookings and buffers", () => {
  const date = "2026-06-15";
  const d = days({ [date]: [{ start: "08:00", end: "13:00" }] });
  const booking: BusyInterval = { start: at(date, "10:00", NY), end: at(date, "11:00", NY) };
  const base = input({ zone: NY, days: d, ...wholeDay(date, NY, "2026-06-16"), busy: [booking], bufferMinutes: 15 });

  it("a 10:00–11:00 booking with 15 min buffer blocks 09:45–11:15", () => {
    expect(computeSlots(base).map((s) => wall(s, NY).slice(11))).toEqual([
      "08:00",
      "08:15",
      "08:30",
      "08:45", // ends 09:45, exactly at the buffer
      "11:15", // starts exactly when the buffer ends
      "11:30",
      "11:45",
      "12:00",
    ]);
    expect(computeSlots({ ...base, durationMinutes: 30 }).map((s) => wall(s, NY).slice(11))).toContain("09:15");
    expect(computeSlots({ ...base, durationMinutes: 30 }).map((s) => wall(s, NY).slice(11))).not.toContain("09:30");
  });

  it("without buffer the lesson may touch the booking", () => {
    const walls = computeSlots({ ...base, bufferMinutes: 0 }).map((s) => wall(s, NY).slice(11));
    expect(walls).toContain("09:00");
    expect(walls).toContain("11:00");
    expect(walls).not.toContain("09:15");
  });

  it("partial minutes of a booking block the whole minute; empty bookings are ignored", () => {
    const odd: BusyInterval = { start: new Date(at(date, "11:59", NY).getTime() + 30_000), end: at(date, "12:00", NY) };
    const walls = computeSlots({ ...base, busy: [odd], bufferMinutes: 0, durationMinutes: 15 }).map((s) =>
      wall(s, NY).slice(11),
    );
    expect(walls).toContain("11:30");
    expect(walls).not.toContain("11:45");
    expect(walls).toContain("12:00");
    const empty: BusyInterval = { start: at(date, "10:00", NY), end: at(date, "10:00", NY) };
    expect(computeSlots({ ...base, busy: [empty] })).toEqual(computeSlots({ ...base, busy: [] }));
  });

  it("overlapping and out-of-range bookings are fine", () => {
    const busy = [
      booking,
      { start: at(date, "10:30", NY), end: at(date, "11:30", NY) },
      { start: utc("2020-01-01T00:00:00Z"), end: utc("2020-01-02T00:00:00Z") },
    ];
    expect(computeSlots({ ...base, busy }).map((s) => wall(s, NY).slice(11))).toEqual([
      "08:00",
      "08:15",
      "08:30",
      "08:45",
      "11:45",
      "12:00",
    ]);
  });
});

describe("notice, horizon, from/to", () => {
  const date = "2026-06-15";
  const d = days({ [date]: [{ start: "08:00", end: "18:00" }], "2026-06-16": [{ start: "08:00", end: "18:00" }] });

  it("min notice: start ≥ now + notice, then the next grid point", () => {
    const slots = computeSlots(
      input({
        zone: NY,
        days: d,
        ...wholeDay(date, NY, "2026-06-16"),
        now: at(date, "08:50", NY),
        minNoticeMinutes: 120,
      }),
    );
    expect(wall(slots[0] as Date, NY)).toBe("2026-06-15 11:00");
    const exact = computeSlots(
      input({
        zone: NY,
        days: d,
        ...wholeDay(date, NY, "2026-06-16"),
        now: at(date, "09:00", NY),
        minNoticeMinutes: 120,
      }),
    );
    expect(wall(exact[0] as Date, NY)).toBe("2026-06-15 11:00");
    const late = computeSlots(
      input({
        zone: NY,
        days: d,
        ...wholeDay(date, NY, "2026-06-16"),
        now: new Date(at(date, "09:00", NY).getTime() + 1),
        minNoticeMinutes: 120,
      }),
    );
    expect(wall(late[0] as Date, NY)).toBe("2026-06-15 11:15");
  });

  it("horizon: start < now + horizonDays × 24 h", () => {
    const slots = computeSlots(
      input({
        zone: NY,
        days: d,
        from: at(date, "00:00", NY),
        to: at("2026-06-17", "00:00", NY),
        now: at(date, "12:00", NY),
        horizonDays: 1,
      }),
    );
    expect(wall(slots[0] as Date, NY)).toBe("2026-06-15 12:00");
    expect(wall(slots.at(-1) as Date, NY)).toBe("2026-06-16 11:45");
    expect(
      computeSlots(
        input({ zone: NY, days: d, ...wholeDay(date, NY, "2026-06-16"), now: at(date, "12:00", NY), horizonDays: 0 }),
      ),
    ).toEqual([]);
  });

  it("from is inclusive, to is exclusive, and the lesson may run past `to`", () => {
    const slots = computeSlots(input({ zone: NY, days: d, from: at(date, "10:00", NY), to: at(date, "11:00", NY) }));
    expect(slots.map((s) => wall(s, NY).slice(11))).toEqual(["10:00", "10:15", "10:30", "10:45"]);
    expect(computeSlots(input({ zone: NY, days: d, from: at(date, "11:00", NY), to: at(date, "11:00", NY) }))).toEqual(
      [],
    );
    expect(computeSlots(input({ zone: NY, days: d, from: at(date, "12:00", NY), to: at(date, "11:00", NY) }))).toEqual(
      [],
    );
  });

  it("days missing from the map are unavailable", () => {
    expect(computeSlots(input({ zone: NY, days: new Map(), ...wholeDay(date, NY, "2026-06-16") }))).toEqual([]);
    expect(
      computeSlots(input({ zone: NY, days: days({ [date]: emptyDay() }), ...wholeDay(date, NY, "2026-06-16") })),
    ).toEqual([]);
  });
});

describe("crossing local midnight", () => {
  const range = { from: at("2026-06-15", "22:00", NY), to: at("2026-06-16", "02:00", NY) };

  it("a 23:00–24:00 window plus 00:00–01:00 next day allows a 90-min lesson at 23:00", () => {
    const d = days({
      "2026-06-15": [{ start: "23:00", end: "24:00" }],
      "2026-06-16": [{ start: "00:00", end: "01:00" }],
    });
    const slots = computeSlots(input({ zone: NY, days: d, ...range, durationMinutes: 90 }));
    expect(slots.map((s) => wall(s, NY))).toEqual(["2026-06-15 23:00", "2026-06-15 23:15", "2026-06-15 23:30"]);
  });

  it("needs both days' bitmaps", () => {
    const onlyFirst = days({ "2026-06-15": [{ start: "23:00", end: "24:00" }] });
    expect(computeSlots(input({ zone: NY, days: onlyFirst, ...range, durationMinutes: 90 }))).toEqual([]);
    const short = days({
      "2026-06-15": [{ start: "23:00", end: "24:00" }],
      "2026-06-16": [{ start: "00:00", end: "00:15" }],
    });
    expect(computeSlots(input({ zone: NY, days: short, ...range, durationMinutes: 90 }))).toEqual([]);
    expect(
      computeSlots(input({ zone: NY, days: short, ...range, durationMinutes: 60 })).map((s) => wall(s, NY)),
    ).toEqual(["2026-06-15 23:00", "2026-06-15 23:15"]);
  });
});

describe("DST: America/New_York", () => {
  it("spring-forward 2026-03-08: wall 02:00–02:59 never yields a slot", () => {
    const d = days({ "2026-03-08": [{ start: "00:00", end: "06:00" }] });
    const slots = computeSlots(
      input({ zone: NY, days: d, ...wholeDay("2026-03-08", NY, "2026-03-09"), durationMinutes: 60 }),
    );
    expect(slots.map((s) => wall(s, NY).slice(11))).toEqual([
      "00:00",
      "00:15",
      "00:30",
      "00:45",
      "01:00",
      "01:15",
      "01:30",
      "01:45",
      "03:00",
      "03:15",
      "03:30",
      "03:45",
      "04:00",
      "04:15",
      "04:30",
      "04:45",
      "05:00",
    ]);
    // 01:15 EST + 60 real minutes = 03:15 EDT: the lesson spans the gap and still lasts 60 minutes.
    expect(slots).toContainEqual(utc("2026-03-08T06:15:00Z"));
    for (const s of slots) {
      const { minute } = instantToLocal(s, NY);
      expect(minute < 120 || minute >= 180).toBe(true);
    }
  });

  it("availability only inside the nonexistent hour gives nothing", () => {
    const d = days({ "2026-03-08": [{ start: "02:00", end: "03:00" }] });
    expect(
      computeSlots(input({ zone: NY, days: d, ...wholeDay("2026-03-08", NY, "2026-03-09"), durationMinutes: 15 })),
    ).toEqual([]);
  });

  it("the gap costs no real minutes: 01:00–02:00 + 03:00–04:00 fits a 120-min lesson at 01:00", () => {
    const d = days({
      "2026-03-08": [
        { start: "01:00", end: "02:00" },
        { start: "03:00", end: "04:00" },
      ],
    });
    const slots = computeSlots(
      input({ zone: NY, days: d, ...wholeDay("2026-03-08", NY, "2026-03-09"), durationMinutes: 120 }),
    );
    expect(slots).toEqual([utc("2026-03-08T06:00:00Z")]);
  });

  it("fall-back 2026-11-01: both 01:xx occurrences are bookable; lessons last their real duration", () => {
    const d = days({ "2026-11-01": [{ start: "01:00", end: "02:00" }] });
    const slots = computeSlots(
      input({ zone: NY, days: d, ...wholeDay("2026-11-01", NY, "2026-11-02"), durationMinutes: 30 }),
    );
    expect(slots.map((s) => s.toISOString())).toEqual([
      "2026-11-01T05:00:00.000Z", // 01:00 EDT
      "2026-11-01T05:15:00.000Z",
      "2026-11-01T05:30:00.000Z",
      "2026-11-01T05:45:00.000Z", // 01:45 EDT → 01:15 EST: 30 real minutes, all on wall 01:xx
      "2026-11-01T06:00:00.000Z", // 01:00 EST
      "2026-11-01T06:15:00.000Z",
      "2026-11-01T06:30:00.000Z", // 01:30 EST → 02:00 EST
    ]);
    // One wall hour of availability covers both real hours, so a 120-min lesson fits exactly.
    const long = computeSlots(
      input({ zone: NY, days: d, ...wholeDay("2026-11-01", NY, "2026-11-02"), durationMinutes: 120 }),
    );
    expect(long).toEqual([utc("2026-11-01T05:00:00Z")]);
  });

  it("fall-back: a booking in the first 01:xx does not block the second", () => {
    const d = days({ "2026-11-01": [{ start: "00:00", end: "03:00" }] });
    const busy = [{ start: utc("2026-11-01T05:00:00Z"), end: utc("2026-11-01T06:00:00Z") }]; // 01:00–02:00 EDT
    const slots = computeSlots(
      input({ zone: NY, days: d, ...wholeDay("2026-11-01", NY, "2026-11-02"), busy, durationMinutes: 60 }),
    );
    expect(slots.map((s) => s.toISOString())).toEqual([
      "2026-11-01T04:00:00.000Z", // 00:00 EDT
      "2026-11-01T06:00:00.000Z", // 01:00 EST
      "2026-11-01T06:15:00.000Z",
      "2026-11-01T06:30:00.000Z",
      "2026-11-01T06:45:00.000Z",
      "2026-11-01T07:00:00.000Z", // 02:00 EST
    ]);
  });
});

describe("DST: Europe/London", () => {
  it("spring-forward 2026-03-29: wall 01:00–01:59 never yields a slot", () => {
    const d = days({ "2026-03-29": [{ start: "00:00", end: "03:00" }] });
    const slots = computeSlots(
      input({ zone: LON, days: d, ...wholeDay("2026-03-29", LON, "2026-03-30"), durationMinutes: 30 }),
    );
    expect(slots.map((s) => wall(s, LON).slice(11))).toEqual([
      "00:00",
      "00:15",
      "00:30",
      "00:45",
      "02:00",
      "02:15",
      "02:30",
    ]);
    expect(slots).toContainEqual(utc("2026-03-29T00:45:00Z")); // 00:45 GMT → 02:15 BST
  });

  it("fall-back 2026-10-25: the repeated 01:xx hour is offered twice", () => {
    const d = days({ "2026-10-25": [{ start: "01:00", end: "02:00" }] });
    const slots = computeSlots(
      input({ zone: LON, days: d, ...wholeDay("2026-10-25", LON, "2026-10-26"), durationMinutes: 60 }),
    );
    expect(slots.map((s) => s.toISOString())).toEqual([
      "2026-10-25T00:00:00.000Z", // 01:00 BST
      "2026-10-25T00:15:00.000Z",
      "2026-10-25T00:30:00.000Z",
      "2026-10-25T00:45:00.000Z",
      "2026-10-25T01:00:00.000Z", // 01:00 GMT
    ]);
    for (const s of slots) expect(instantToLocal(s, LON).minute % 15).toBe(0);
  });
});

describe("zones far from the server", () => {
  it("Pacific/Auckland: local 09:00 is the previous UTC day", () => {
    const d = days({ "2026-06-15": [{ start: "09:00", end: "10:00" }] });
    const slots = computeSlots(
      input({
        zone: "Pacific/Auckland",
        days: d,
        ...wholeDay("2026-06-15", "Pacific/Auckland", "2026-06-16"),
        durationMinutes: 30,
      }),
    );
    expect(slots.map((s) => s.toISOString())).toEqual([
      "2026-06-14T21:00:00.000Z",
      "2026-06-14T21:15:00.000Z",
      "2026-06-14T21:30:00.000Z",
    ]);
  });

  it("Pacific/Auckland fall-back 2026-04-05 (03:00 NZDT → 02:00 NZST)", () => {
    const z = "Pacific/Auckland";
    const d = days({ "2026-04-05": [{ start: "02:00", end: "03:00" }] });
    const slots = computeSlots(
      input({ zone: z, days: d, ...wholeDay("2026-04-05", z, "2026-04-06"), durationMinutes: 60 }),
    );
    expect(slots.map((s) => s.toISOString())).toEqual([
      "2026-04-04T13:00:00.000Z", // 02:00 NZDT
      "2026-04-04T13:15:00.000Z",
      "2026-04-04T13:30:00.000Z",
      "2026-04-04T13:45:00.000Z",
      "2026-04-04T14:00:00.000Z", // 02:00 NZST
    ]);
  });

  it("Asia/Kolkata (+05:30): the grid stays on local :00/:15/:30/:45", () => {
    const d = days({ "2026-06-15": [{ start: "09:00", end: "10:00" }] });
    const slots = computeSlots(
      input({
        zone: "Asia/Kolkata",
        days: d,
        ...wholeDay("2026-06-15", "Asia/Kolkata", "2026-06-16"),
        durationMinutes: 30,
      }),
    );
    expect(slots.map((s) => s.toISOString())).toEqual([
      "2026-06-15T03:30:00.000Z",
      "2026-06-15T03:45:00.000Z",
      "2026-06-15T04:00:00.000Z",
    ]);
  });

  it("Asia/Kathmandu (+05:45): the grid stays on local :00/:15/:30/:45", () => {
    const z = "Asia/Kathmandu";
    const d = days({ "2026-06-15": [{ start: "09:00", end: "10:00" }] });
    const slots = computeSlots(
      input({ zone: z, days: d, ...wholeDay("2026-06-15", z, "2026-06-16"), durationMinutes: 45 }),
    );
    expect(slots.map((s) => wall(s, z).slice(11))).toEqual(["09:00", "09:15"]);
    expect(slots[0]).toEqual(utc("2026-06-15T03:15:00Z"));
  });

  it("Australia/Lord_Howe: a 30-minute DST shift (2026-10-04 02:00 → 02:30)", () => {
    const z = "Australia/Lord_Howe";
    const d = days({ "2026-10-04": [{ start: "01:00", end: "04:00" }] });
    const slots = computeSlots(
      input({ zone: z, days: d, ...wholeDay("2026-10-04", z, "2026-10-05"), durationMinutes: 60 }),
    );
    const walls = slots.map((s) => wall(s, z).slice(11));
    expect(walls).toEqual(["01:00", "01:15", "01:30", "01:45", "02:30", "02:45", "03:00"]);
    expect(slots[3]?.getTime()).toBe((slots[4]?.getTime() ?? 0) - 15 * MIN);
  });
});

describe("matches a brute-force reference", () => {
  function mulberry32(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const cases: [zone: string, date: string][] = [
    [NY, "2026-03-08"],
    [NY, "2026-11-01"],
    [LON, "2026-03-29"],
    [LON, "2026-10-25"],
    ["Pacific/Auckland", "2026-04-05"],
    ["Pacific/Auckland", "2026-09-27"],
    ["Asia/Kolkata", "2026-06-15"],
    ["Asia/Kathmandu", "2026-06-15"],
    ["America/Santiago", "2026-09-06"],
    ["America/Santiago", "2026-04-05"],
    ["Australia/Lord_Howe", "2026-04-05"],
    ["Australia/Lord_Howe", "2026-10-04"],
    ["UTC", "2026-06-15"],
  ];

  it.each(cases)("%s around %s", (zone, date) => {
    const rnd = mulberry32(date.length * 7919 + zone.length * 104729 + date.charCodeAt(9));
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    for (let iter = 0; iter < 12; iter++) {
      const dayMap = new Map<string, Uint8Array>();
      const anchor = at(date, "12:00", zone).getTime();
      for (let k = -2; k <= 2; k++) {
        const iso = DateTime.fromMillis(anchor + k * 86_400_000, { zone }).toISODate() ?? "";
        if (rnd() < 0.1) continue; // occasionally missing day
        const ranges = Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => {
          const start = Math.floor(rnd() * 288) * 5;
          return { start, end: Math.min(1440, start + 5 * (1 + Math.floor(rnd() * 60))) };
        });
        dayMap.set(iso, rangesToBitmap(ranges));
      }
      const from = new Date(anchor - 36 * 3_600_000 + Math.floor(rnd() * 3 * 3_600_000));
      const to = new Date(from.getTime() + Math.floor(rnd() * 60 * 3_600_000));
      const busy = Array.from({ length: Math.floor(rnd() * 6) }, () => {
        const s = from.getTime() + Math.floor(rnd() * 60 * 3_600_000) + (rnd() < 0.2 ? Math.floor(rnd() * MIN) : 0);
        return { start: new Date(s), end: new Date(s + pick([15, 30, 45, 60, 90, 7]) * MIN) };
      });
      const inp: SlotInput = {
        zone,
        days: dayMap,
        busy,
        bufferMinutes: pick([0, 15, 10, 30]),
        durationMinutes: pick([30, 45, 60, 90, 17, 150]),
        gridMinutes: pick([15, 15, 30, 10, 7, undefined]),
        from,
        to,
        now: new Date(from.getTime() - Math.floor(rnd() * 6 * 3_600_000)),
        minNoticeMinutes: pick([0, 120, 240]),
        horizonDays: pick([90, 1, 2]),
      };
      const expected = referenceSlots(inp);
      expect(computeSlots(inp)).toEqual(expected);
      expect(firstSlot(inp)).toEqual(expected[0] ?? null);
    }
  });
});

describe("firstSlot / isSlotBookable / groupSlotsByLocalDate", () => {
  const d = days({
    "2026-06-15": [{ start: "09:00", end: "10:00" }],
    "2026-06-20": [{ start: "14:00", end: "16:00" }],
  });
  const base = input({ zone: NY, days: d, from: at("2026-06-15", "00:00", NY), to: at("2026-07-15", "00:00", NY) });

  it("firstSlot finds the next available start, even days later", () => {
    expect(firstSlot(base)).toEqual(at("2026-06-15", "09:00", NY));
    expect(firstSlot({ ...base, from: at("2026-06-15", "09:01", NY) })).toEqual(at("2026-06-20", "14:00", NY));
    expect(firstSlot({ ...base, days: new Map() })).toBeNull();
  });

  it("isSlotBookable accepts exactly the computed starts", () => {
    const rest: Omit<SlotInput, "from" | "to"> = { ...base };
    const slots = new Set(computeSlots(base).map((s) => s.getTime()));
    for (let t = at("2026-06-20", "13:00", NY).getTime(); t < at("2026-06-20", "17:00", NY).getTime(); t += 5 * MIN) {
      expect(isSlotBookable(rest, new Date(t))).toBe(slots.has(t));
    }
    expect(isSlotBookable(rest, new Date(at("2026-06-20", "14:00", NY).getTime() + 1000))).toBe(false);
    expect(
      isSlotBookable(
        { ...rest, busy: [{ start: at("2026-06-20", "15:00", NY), end: at("2026-06-20", "15:30", NY) }] },
        at("2026-06-20", "14:30", NY),
      ),
    ).toBe(false);
  });

  it("groupSlotsByLocalDate groups by the zone's date", () => {
    const slots = computeSlots(base);
    const groups = groupSlotsByLocalDate(slots, NY);
    expect([...groups.keys()]).toEqual(["2026-06-15", "2026-06-20"]);
    expect(groups.get("2026-06-20")?.map((s) => wall(s, NY).slice(11))).toEqual([
      "14:00",
      "14:15",
      "14:30",
      "14:45",
      "15:00",
    ]);
    // 2026-06-15 09:00 in New York is already 2026-06-16 in Auckland.
    expect([...groupSlotsByLocalDate(slots, "Pacific/Auckland").keys()]).toEqual(["2026-06-16", "2026-06-21"]);
  });
});

describe("30-day workloads", () => {
  it("handles a month of weekday availability with bookings across a DST change", () => {
    const dayMap = new Map<string, Uint8Array>();
    let date = "2026-10-20";
    const busy: BusyInterval[] = [];
    for (let i = 0; i < 31; i++) {
      dayMap.set(
        date,
        windowsToBitmap([
          { start: "08:00", end: "12:00" },
          { start: "13:00", end: "20:00" },
        ]),
      );
      busy.push({ start: at(date, "15:00", NY), end: at(date, "16:00", NY) });
      date = DateTime.fromISO(date, { zone: "UTC" }).plus({ days: 1 }).toISODate() ?? "";
    }
    const inp = input({
      zone: NY,
      days: dayMap,
      busy,
      bufferMinutes: 15,
      from: at("2026-10-20", "00:00", NY),
      to: at("2026-11-19", "00:00", NY),
      now: at("2026-10-20", "00:00", NY),
      minNoticeMinutes: 120,
      horizonDays: 90,
    });
    const slots = computeSlots(inp);
    // Per day: 08:00–11:00 (13 starts) + 13:00–13:45 (4) + 16:15–19:00 (12) = 29; 30 days.
    expect(slots).toHaveLength(30 * 29);
    expect(new Set(slots.map((s) => wall(s, NY).slice(11))).size).toBe(29);
  });
});

describe("input validation", () => {
  const base = input({
    zone: NY,
    days: days({ "2026-06-15": fullDay() }),
    ...wholeDay("2026-06-15", NY, "2026-06-16"),
  });

  it("throws RangeError on nonsense", () => {
    expect(() => computeSlots({ ...base, zone: "Not/AZone" })).toThrow(RangeError);
    expect(() => computeSlots({ ...base, durationMinutes: 0 })).toThrow(RangeError);
    expect(() => computeSlots({ ...base, durationMinutes: 30.5 })).toThrow(RangeError);
    expect(() => computeSlots({ ...base, gridMinutes: 0 })).toThrow(RangeError);
    expect(() => computeSlots({ ...base, gridMinutes: 1441 })).toThrow(RangeError);
    expect(() => computeSlots({ ...base, bufferMinutes: -1 })).toThrow(RangeError);
    expect(() => computeSlots({ ...base, minNoticeMinutes: Number.NaN })).toThrow(RangeError);
    expect(() => computeSlots({ ...base, from: new Date(Number.NaN) })).toThrow(RangeError);
    expect(() => computeSlots({ ...base, busy: [{ start: new Date(Number.NaN), end: new Date() }] })).toThrow(
      RangeError,
    );
    expect(() => computeSlots({ ...base, days: new Map([["2026-06-15", new Uint8Array(10)]]) })).toThrow(RangeError);
  });
});
