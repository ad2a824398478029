import { describe, expect, it, vi } from "vitest";

describe("domain errors across bundles", () => {
  it("answer instanceof by brand and kind, whichever copy of the module made them", async () => {
    const a = await import("./errors");
    vi.resetModules();
    const b = await import("./errors");
    expect(b.ValidationError).not.toBe(a.ValidationError); // two copies, as two Next bundles have
    const err = new b.ValidationError("Bad", { f: ["x"] });
    expect(err instanceof a.DomainError).toBe(true);
    expect(err instanceof a.ValidationError).toBe(true);
    expect(err instanceof a.NotFoundError).toBe(false);
    expect(new b.RateLimitedError("Slow", 3) instanceof a.RateLimitedError).toBe(true);
    expect(new b.RateLimitedError("Slow", 3) instanceof a.ValidationError).toBe(false);
    expect(new Error("plain") instanceof a.DomainError).toBe(false);
    expect({ kind: "validation" } instanceof a.ValidationError).toBe(false);
  });
});
