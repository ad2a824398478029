/**
 * The ranking and card columns of every active service and its instructor, held in process (a few MB at
 * 10,000 services) so a search reads only ids and scores from SQL. Hard filters never use this snapshot — they
 * run in SQL on live rows — so staleness can only shift ranking, never admit what must be excluded: rows changed
 * since the last look are re-read every FEATURE_CHECK_MS and everything every FEATURE_RELOAD_MS, both in the
 * background (a request never waits for them), and an id the snapshot has not seen yet is read on the spot.
 */
import type { InstructorFeatureRow, SearchRepository, ServiceFeatureRow } from "~/server/repositories/search";
import type { SearchState } from "./state";

export const FEATURE_CHECK_MS = 10_000;
export const FEATURE_RELOAD_MS = 15 * 60_000;

export type FeatureSnapshot = {
  services: Map<string, ServiceFeatureRow>;
  instructors: Map<string, InstructorFeatureRow>;
  /** Newest change seen (timestamptz text, full precision). */
  mark: string | null;
  loadedAt: number;
  checkedAt: number;
};

function apply(snap: FeatureSnapshot, rows: Awaited<ReturnType<SearchRepository["featuresSince"]>>) {
  for (const s of rows.services) {
    if (s.isActive) snap.services.set(s.id, s);
    else snap.services.delete(s.id);
  }
  for (const i of rows.instructors) snap.instructors.set(i.id, i);
}

async function fullLoad(repo: SearchRepository): Promise<FeatureSnapshot> {
  const rows = await repo.featuresSince(null);
  const snap: FeatureSnapshot = {
    services: new Map(),
    instructors: new Map(),
    mark: rows.mark,
    loadedAt: Date.now(),
    checkedAt: Date.now(),
  };
  apply(snap, rows);
  return snap;
}

/** The current snapshot: loaded on first use, topped up with recent changes, fully reloaded in the background. */
export async function features(repo: SearchRepository, state: SearchState): Promise<FeatureSnapshot> {
  if (!state.features) {
    state.featuresLoading ??= fullLoad(repo).finally(() => {
      state.featuresLoading = null;
    });
    state.features = await state.featuresLoading;
    return state.features;
  }
  const snap = state.features;
  if (Date.now() - snap.loadedAt >= FEATURE_RELOAD_MS && !state.featuresLoading) {
    snap.loadedAt = Date.now();
    state.featuresLoading = fullLoad(repo)
      .then((fresh) => {
        state.features = fresh;
        return fresh;
      })
      .finally(() => {
        state.featuresLoading = null;
      });
    state.featuresLoading.catch(() => undefined);
  }
  if (Date.now() - snap.checkedAt >= FEATURE_CHECK_MS && !state.featuresTopUp) {
    snap.checkedAt = Date.now();
    state.featuresTopUp = repo
      .featuresSince(snap.mark)
      .then((rows) => {
        apply(snap, rows);
        if (rows.mark) snap.mark = rows.mark;
      })
      .catch(() => undefined) // the next look retries
      .finally(() => {
        state.featuresTopUp = null;
      });
  }
  return snap;
}

/** Makes sure these services (and their instructors) are in the snapshot, reading the missing ones now. */
export async function ensureFeatures(
  repo: SearchRepository,
  snap: FeatureSnapshot,
  serviceIds: string[],
): Promise<void> {
  const missing = serviceIds.filter((id) => {
    const s = snap.services.get(id);
    return !s || !snap.instructors.has(s.instructorId);
  });
  if (missing.length) apply(snap, await repo.featuresSince(null, missing));
}
