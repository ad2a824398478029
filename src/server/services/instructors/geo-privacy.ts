import { distanceKm, jitterPoint } from "~/lib/geo";

/** Teaching addresses must be in the city we serve (a generous New York City box). */
export const NYC_BOUNDS = { minLat: 40.45, maxLat: 40.95, minLng: -74.3, maxLng: -73.65 } as const;

/** Public coordinates are shown to 4 decimals (≈ 11 m); they are already 25–50 m off the real point. */
export const PUBLIC_COORDINATE_DECIMALS = 4;

/** A uniform number in [0, 1) from the platform CSPRNG. Public locations must never come from Math.random. */
export function cryptoRandom(): number {
  const [word] = crypto.getRandomValues(new Uint32Array(1));
  return word! / 2 ** 32;
}

/** The public point for a private address: moved 25–50 m in a random direction (PRODUCT.md §1). */
export function publicPointFor(
  lat: number,
  lng: number,
  random: () => number = cryptoRandom,
): { lat: number; lng: number } {
  return jitterPoint(lat, lng, random);
}

export function roundCoordinate(value: number, decimals = PUBLIC_COORDINATE_DECIMALS): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** The region whose centroid is closest to the point (null for an empty list). */
export function nearestRegion<T extends { lat: number; lng: number }>(
  lat: number,
  lng: number,
  candidates: readonly T[],
): T | null {
  let best: T | null = null;
  let bestKm = Infinity;
  for (const c of candidates) {
    const km = distanceKm(lat, lng, c.lat, c.lng);
    if (km < bestKm) {
      best = c;
      bestKm = km;
    }
  }
  return best;
}
