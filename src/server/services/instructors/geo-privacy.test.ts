import { afterEach, describe, expect, it, vi } from "vitest";
import { distanceKm } from "~/lib/geo";
import { cryptoRandom, nearestRegion, publicPointFor, roundCoordinate } from "./geo-privacy";

afterEach(() => vi.restoreAllMocks());

describe("cryptoRandom", () => {
  it("draws from crypto.getRandomValues, never Math.random, within [0, 1)", () => {
    const mathRandom = vi.spyOn(Math, "random");
    const getRandomValues = vi.spyOn(crypto, "getRandomValues");
    const values = Array.from({ length: 2000 }, cryptoRandom);
    expect(mathRandom).not.toHaveBeenCalled();
    expect(getRandomValues).toHaveBeenCalledTimes(2000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    // Not constant, and spread over the interval.
    expect(new Set(values).size).toBeGreaterThan(1990);
    expect(values.filter((v) => v < 0.5).length).toBeGreaterThan(800);
  });
});

describe("publicPointFor", () => {
  it("moves the point 25–50 m in every sample, in varying directions", () => {
    const lat = 40.6712345;
    const lng = -73.9801234;
    const bearings = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const p = publicPointFor(lat, lng);
      const m = distanceKm(lat, lng, p.lat, p.lng) * 1000;
      expect(m).toBeGreaterThanOrEqual(24.9);
      expect(m).toBeLessThanOrEqual(50.1);
      bearings.add(Math.sign(p.lat - lat) * 2 + Math.sign(p.lng - lng));
    }
    expect(bearings.size).toBe(4); // all four quadrants
  });

  it("uses the injected random source (deterministic in tests)", () => {
    expect(publicPointFor(40.7, -74, () => 0)).toEqual(publicPointFor(40.7, -74, () => 0));
  });
});

describe("nearestRegion and roundCoordinate", () => {
  const regions = [
    { id: "park-slope", lat: 40.671, lng: -73.9814 },
    { id: "williamsburg", lat: 40.7081, lng: -73.9571 },
    { id: "chelsea", lat: 40.7465, lng: -74.0014 },
  ];
  it("picks the closest centroid", () => {
    expect(nearestRegion(40.672, -73.979, regions)?.id).toBe("park-slope");
    expect(nearestRegion(40.745, -74.0, regions)?.id).toBe("chelsea");
    expect(nearestRegion(40.7, -73.95, [])).toBeNull();
  });
  it("rounds to 4 decimals", () => {
    expect(roundCoordinate(40.671234567)).toBe(40.6712);
    expect(roundCoordinate(-73.98015)).toBe(-73.9801);
    expect(roundCoordinate(-73.98016)).toBe(-73.9802);
  });
});
