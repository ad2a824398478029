import { describe, expect, it } from "vitest";
import { ZERO_EVENT_ID, incrementUlid, nextEventId } from "./event-ids";
import { newId } from "~/lib/ids";

describe("event ids", () => {
  it("increments with carry in Crockford base32", () => {
    expect(incrementUlid("01ARZ3NDEKTSV4RRFFQ69G5FAV")).toBe("01ARZ3NDEKTSV4RRFFQ69G5FAW");
    expect(incrementUlid("01ARZ3NDEKTSV4RRFFQ69G5FAZ")).toBe("01ARZ3NDEKTSV4RRFFQ69G5FB0");
    expect(incrementUlid("01ARZ3NDEKTSV4RRFFQ69G5FZZ")).toBe("01ARZ3NDEKTSV4RRFFQ69G5G00");
  });
  it("is strictly greater than a head from a clock that runs ahead", () => {
    const ahead = "7ZZZZZZZZZ" + "0".repeat(16);
    const id = nextEventId(ahead);
    expect(id > ahead).toBe(true);
    expect(id).toBe("7ZZZZZZZZZ" + "0".repeat(15) + "1");
  });
  it("uses a fresh ULID when the head is older, and ZERO sorts first", () => {
    const old = newId();
    const id = nextEventId(old);
    expect(id > old).toBe(true);
    expect(ZERO_EVENT_ID < old).toBe(true);
    expect(nextEventId(null)).toHaveLength(26);
  });
});
