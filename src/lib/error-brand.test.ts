import { describe, expect, it } from "vitest";
import { errorBrand } from "./error-brand";

/** The same class source evaluated twice, as two Next bundles would. */
function defineInBundle() {
  const brand = errorBrand("TestCrossBundleError");
  return class TestCrossBundleError extends Error {
    constructor(message: string) {
      super(message);
      brand.mark(this);
    }
    static [Symbol.hasInstance](value: unknown): boolean {
      return brand.test(value);
    }
  };
}

describe("errorBrand", () => {
  it("makes instanceof hold across two copies of one class", () => {
    const A = defineInBundle();
    const B = defineInBundle();
    expect(A).not.toBe(B);
    expect(new A("x") instanceof B).toBe(true);
    expect(new B("y") instanceof A).toBe(true);
  });

  it("refuses other errors and non-objects", () => {
    const A = defineInBundle();
    expect(new Error("plain") instanceof A).toBe(false);
    const values: unknown[] = [null, undefined, 42, "x", { message: "x" }, new (class Other extends Error {})("z")];
    for (const v of values) expect((v as object) instanceof A).toBe(false);
  });
});
