/**
 * Results must not depend on the process time zone: this file switches process.env.TZ (Node re-reads it
 * on assignment) and checks that slots and zone conversions are identical under each setting.
 */
import { afterAll, describe, expect, it } from "vitest";
import { instantToLocal, localDateToday, localMinuteToInstant, weekStartOf, formatInZone } from "~/lib/time/zoned";
import { windowsToBitmap } from "./bitmap";
import { computeSlots, firstSlot, groupSlotsByLocalDate, type SlotInput } from "./slots";

const originalTz = process.env.TZ;

afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

function snapshot(): unknown {
  const days = new Map<string, Uint8Array>([
    ["2026-03-07", windowsToBitmap([{ start: "20:00", end: "24:00" }])],
    [
      "2026-03-08",
      windowsToBitmap([
        { start: "00:00", end: "06:00" },
        { start: "09:00", end: "12:30" },
      ]),
    ],
    ["2026-11-01", windowsToBitmap([{ start: "00:30", end: "03:00" }])],
  ]);
  const base: Omit<SlotInput, "zone" | "from" | "to"> = {
    days,
    busy: [{ start: new Date("2026-03-08T14:00:00Z"), end: new Date("2026-03-08T15:00:00Z") }],
    bufferMinutes: 15,
    durationMinutes: 60,
    now: new Date("2026-03-01T00:00:00Z"),
    minNoticeMinutes: 120,
    horizonDays: 365,
  };
  const out: Record<string, unknown> = {};
  for (const zone of ["America/New_York", "Europe/London", "Asia/Kolkata", "Pacific/Auckland"]) {
    const inp: SlotInput = {
      ...base,
      zone,
      from: new Date("2026-03-06T00:00:00Z"),
      to: new Date("2026-11-03T00:00:00Z"),
    };
    const slots = computeSlots(inp);
    out[zone] = {
      slots: slots.map((s) => s.toISOString()),
      first: firstSlot(inp)?.toISOString(),
      groups: [...groupSlotsByLocalDate(slots, zone).keys()],
      local: instantToLocal(new Date("2026-03-08T07:30:00Z"), zone),
      instant: localMinuteToInstant("2026-11-01", 90, zone)?.toISOString(),
      today: localDateToday(zone, new Date("2026-06-14T23:30:00Z")),
      formatted: formatInZone(new Date("2026-06-14T23:30:00Z"), zone, "yyyy-LL-dd HH:mm ccc"),
    };
  }
  out.week = weekStartOf("2026-03-08");
  return out;
}

describe("independence from process.env.TZ", () => {
  it("gives identical results under very different process zones", () => {
    process.env.TZ = "UTC";
    const baseline = snapshot();
    const utcOffset = new Date("2026-06-15T12:00:00Z").getTimezoneOffset();
    for (const tz of [
      "Pacific/Chatham",
      "America/St_Johns",
      "Asia/Kathmandu",
      "Pacific/Kiritimati",
      "America/New_York",
    ]) {
      process.env.TZ = tz;
      // Sanity: the process zone really changed (so this test can catch local-time Date usage).
      expect(new Date("2026-06-15T12:00:00Z").getTimezoneOffset()).not.toBe(utcOffset);
      expect(snapshot()).toEqual(baseline);
    }
  });
});
