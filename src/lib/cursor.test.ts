import { describe, expect, it } from "vitest";
import { decodeKeysetCursor, decodeOffsetCursor, encodeKeysetCursor, encodeOffsetCursor } from "./cursor";

const ULID = "01JD0000000000000000000000";

describe("page cursors", () => {
  it("round-trips a keyset cursor and refuses forged ones", () => {
    const at = new Date("2026-12-01T12:00:00Z");
    expect(decodeKeysetCursor(encodeKeysetCursor({ at, id: ULID }))).toEqual({ at, id: ULID });
    expect(decodeKeysetCursor(Buffer.from(`1:${ULID}`).toString("base64url"))).toBeNull(); // before 2000
    expect(decodeKeysetCursor("not a cursor")).toBeNull();
  });

  it("round-trips an offset cursor and refuses forged ones", () => {
    expect(decodeOffsetCursor(encodeOffsetCursor({ offset: 20, searchId: ULID }))).toEqual({
      offset: 20,
      searchId: ULID,
    });
    const forge = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    expect(decodeOffsetCursor(forge({ o: -1, s: ULID }))).toBeNull();
    expect(decodeOffsetCursor(forge({ o: 100_001, s: ULID }))).toBeNull();
    expect(decodeOffsetCursor(forge({ o: 1.5, s: ULID }))).toBeNull();
    expect(decodeOffsetCursor(forge({ o: 20, s: "short" }))).toBeNull();
    expect(decodeOffsetCursor(forge(null))).toBeNull();
    expect(decodeOffsetCursor(Buffer.from("{").toString("base64url"))).toBeNull();
    expect(decodeOffsetCursor("")).toBeNull();
    expect(decodeOffsetCursor("a".repeat(200))).toBeNull();
  });
});
