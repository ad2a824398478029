/**
 * Fusion and ranking (PRODUCT.md §7.3, §7.5). Reciprocal rank fusion merges the lexical and semantic lists at the
 * instructor level; six signals in [0, 1] are weighted by config and a founding instructor gets a fixed boost.
 */
import { distanceKm } from "~/lib/geo";
import type { SearchConfig } from "./config";

export type RankedList = { instructorId: string }[];

/** score(i) = Σ over lists 1 / (k + rank), rank starting at 1; an instructor's rank is that of its best service. */
export function reciprocalRankFusion(lists: RankedList[], k: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const list of lists) {
    const seen = new Set<string>();
    let rank = 0;
    for (const item of list) {
      if (seen.has(item.instructorId)) continue;
      seen.add(item.instructorId);
      rank++;
      out.set(item.instructorId, (out.get(item.instructorId) ?? 0) + 1 / (k + rank));
    }
  }
  return out;
}

export type SignalInput = {
  rrf: number;
  maxRrf: number;
  ratingAvg: number;
  ratingCount: number;
  /** Distance from the searched place or point, km; null when no place was asked for or the lesson is online. */
  distanceKm: number | null;
  priceCents: number;
  medianPriceCents: number;
  maxPriceCents: number | null;
  budgetLow: boolean;
  /** Last sign-in or profile update, epoch ms. */
  activeMs: number;
  nowMs: number;
  completeness: number;
  founding: boolean;
};

export type Signals = {
  relevance: number;
  quality: number;
  distance: number;
  priceFit: number;
  responsiveness: number;
  completeness: number;
};

/** Prior for ratings: a new instructor counts as PRIOR_COUNT reviews of PRIOR_MEAN stars. */
const PRIOR_MEAN = 4.2;
const PRIOR_COUNT = 5;
/** Distance at which the distance signal halves. */
const DISTANCE_HALF_KM = 3;
/** Days of inactivity at which responsiveness falls to 1/e. */
const ACTIVITY_DAYS = 30;

/** Bayesian average rating: few reviews pull towards the prior, many reviews speak for themselves. */
export function bayesianRating(avg: number, count: number): number {
  return (avg * count + PRIOR_MEAN * PRIOR_COUNT) / (count + PRIOR_COUNT);
}

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

export function computeSignals(i: SignalInput): Signals {
  let priceFit: number;
  if (i.maxPriceCents !== null) {
    // Within the asked ceiling: cheaper fits a little better; above it never happens (filtered), but stay safe.
    priceFit = i.priceCents <= i.maxPriceCents ? 0.6 + 0.4 * (1 - i.priceCents / i.maxPriceCents) : 0;
  } else {
    // Relative to the candidates' median: the median scores 0.5, half of it 0.75, double it 0.
    const rel = i.medianPriceCents > 0 ? i.priceCents / i.medianPriceCents : 1;
    priceFit = clamp01(1 - rel / 2);
    if (i.budgetLow) priceFit = priceFit ** 0.5;
  }
  return {
    relevance: i.maxRrf > 0 ? clamp01(i.rrf / i.maxRrf) : 0,
    quality: clamp01(bayesianRating(i.ratingAvg, i.ratingCount) / 5),
    distance: i.distanceKm === null ? 0.5 : 1 / (1 + i.distanceKm / DISTANCE_HALF_KM),
    priceFit,
    responsiveness: Math.exp(-Math.max(0, i.nowMs - i.activeMs) / 86_400_000 / ACTIVITY_DAYS),
    completeness: clamp01(i.completeness),
  };
}

export function weightedScore(
  s: Signals,
  founding: boolean,
  ranking: SearchConfig["ranking"],
  budgetLow: boolean,
): number {
  const w = ranking.weights;
  const priceWeight = budgetLow ? w.priceFit * 2 : w.priceFit;
  const total = w.relevance + w.quality + w.distance + priceWeight + w.responsiveness + w.completeness;
  const sum =
    w.relevance * s.relevance +
    w.quality * s.quality +
    w.distance * s.distance +
    priceWeight * s.priceFit +
    w.responsiveness * s.responsiveness +
    w.completeness * s.completeness;
  return (total > 0 ? sum / total : 0) + (founding ? ranking.foundingBoost : 0);
}

/** A coarse distance for cards: never the exact figure (coordinates are jittered anyway). */
export function distanceBand(km: number | null): string | null {
  if (km === null) return null;
  if (km < 1) return "under 1 km";
  if (km < 3) return "1–3 km";
  if (km < 5) return "3–5 km";
  if (km < 10) return "5–10 km";
  return "10+ km";
}

export function kmBetween(
  a: { lat: number; lng: number } | null,
  b: { lat: number | null; lng: number | null },
): number | null {
  if (!a || b.lat === null || b.lng === null) return null;
  return distanceKm(a.lat, a.lng, b.lat, b.lng);
}

export function median(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((x, y) => x - y);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
