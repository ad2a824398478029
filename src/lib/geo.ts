/** Great-circle distance in kilometres (haversine). */
export function distanceKm(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const R = 6371.0088;
  const dLat = toRad(bLat - aLat);
  const dLng = toRad(bLng - aLng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(aLat)) * Math.cos(toRad(bLat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

const toRad = (d: number) => (d * Math.PI) / 180;

/** Moves a point `metres` in direction `bearingRad` (flat-earth approximation, exact enough below 1 km). */
export function offsetPoint(
  lat: number,
  lng: number,
  metres: number,
  bearingRad: number,
): { lat: number; lng: number } {
  const dLat = (metres * Math.cos(bearingRad)) / 111_320;
  const dLng = (metres * Math.sin(bearingRad)) / (111_320 * Math.cos(toRad(lat)));
  return { lat: lat + dLat, lng: lng + dLng };
}

/** Public-location privacy: the point moved 25–50 m in a random direction. `random` must be a CSPRNG outside seeds/tests. */
export const JITTER_MIN_METRES = 25;
export const JITTER_MAX_METRES = 50;
export function jitterPoint(lat: number, lng: number, random: () => number): { lat: number; lng: number } {
  const metres = JITTER_MIN_METRES + random() * (JITTER_MAX_METRES - JITTER_MIN_METRES);
  return offsetPoint(lat, lng, metres, random() * 2 * Math.PI);
}
