import { describe, expect, it } from "vitest";
import { createLocalBackgroundCheck, LOCAL_BACKGROUND_CHECK_DELAY_SECONDS } from "./index";

describe("local background-check adapter", () => {
  it("passes once the delay has elapsed since the start, computed from the reference (no timers)", async () => {
    let now = 1_800_000_000_000;
    const provider = createLocalBackgroundCheck({ now: () => now });
    const { reference } = await provider.start("01JINSTRUCTOR0000000000000");
    expect(await provider.status(reference)).toBe("pending");
    now += LOCAL_BACKGROUND_CHECK_DELAY_SECONDS * 1000 - 1;
    expect(await provider.status(reference)).toBe("pending");
    now += 1;
    expect(await provider.status(reference)).toBe("passed");
    // A fresh adapter (a restarted process) reads the same answer from the reference alone.
    expect(await createLocalBackgroundCheck({ now: () => now }).status(reference)).toBe("passed");
  });

  it("honours a configured delay and outcome; unknown references stay pending", async () => {
    let now = 1_800_000_000_000;
    const provider = createLocalBackgroundCheck({ delaySeconds: 5, outcome: "failed", now: () => now });
    const { reference } = await provider.start("x");
    now += 5000;
    expect(await provider.status(reference)).toBe("failed");
    expect(await provider.status("checkr_123")).toBe("pending");
    const other = await provider.start("y");
    expect(other.reference).not.toBe(reference);
  });
});
