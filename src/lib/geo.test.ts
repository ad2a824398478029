import { describe, expect, it } from "vitest";
import { distanceKm, jitterPoint } from "./geo";

describe("geo", () => {
  it("measures known distances", () => {
    // Times Square → Grand Army Plaza (Brooklyn) ≈ 9.2 km
    expect(distanceKm(40.758, -73.9855, 40.6743, -73.9702)).toBeCloseTo(9.4, 0);
    expect(distanceKm(40.7, -73.9, 40.7, -73.9)).toBe(0);
  });
  it("jitters between 25 and 50 metres", () => {
    let seed = 1;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 500; i++) {
      const p = jitterPoint(40.67, -73.98, random);
      const m = distanceKm(40.67, -73.98, p.lat, p.lng) * 1000;
      expect(m).toBeGreaterThanOrEqual(24.9);
      expect(m).toBeLessThanOrEqual(50.1);
    }
  });
});
