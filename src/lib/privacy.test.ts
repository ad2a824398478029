import { describe, expect, it } from "vitest";
import { publicName } from "./privacy";

describe("publicName", () => {
  it("shows first name and last initial only", () => {
    expect(publicName("Maria", "Gonzalez")).toBe("Maria G.");
    expect(publicName("  jo ", " o'brien")).toBe("jo O.");
  });
  it("omits the initial when there is no last name", () => {
    expect(publicName("Cher", "")).toBe("Cher");
  });
});
