import type { CatalogRepository } from "~/server/repositories/catalog";
import type { Cache } from "~/server/kv/cache";
import { NotFoundError } from "~/server/errors";

/** Catalog lists change rarely; instructor counts may lag listing changes by this much. */
export const CATALOG_CACHE_TTL_SECONDS = 5 * 60;
const KEY = {
  categories: "catalog:categories:v1",
  regions: "catalog:regions:v1",
  subject: (slug: string) => `catalog:subject:v1:${slug}`,
};

export type SubjectView = { id: string; slug: string; name: string; instructorCount: number };
export type CategoryView = {
  id: string;
  slug: string;
  name: string;
  description: string;
  instructorCount: number;
  subjects: SubjectView[];
};
export type SubjectDetailView = SubjectView & {
  aliases: string[];
  category: { id: string; slug: string; name: string };
};
/** Centroids are public gazetteer data (they locate a neighbourhood, never a person). */
type RegionFields = { id: string; slug: string; name: string; parentId: string | null; lat: number; lng: number };
export type NeighbourhoodView = RegionFields & { kind: "neighbourhood" };
export type BoroughView = RegionFields & { kind: "borough"; neighbourhoods: NeighbourhoodView[] };

type Deps = { catalog: CatalogRepository; cache: Cache };

/** The public catalog: categories → subjects with listed-instructor counts, and the gazetteer for area pickers. */
export function createCatalogService({ catalog, cache }: Deps) {
  async function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = await cache.get(key);
    if (hit !== null) return JSON.parse(hit) as T;
    const value = await load();
    await cache.set(key, JSON.stringify(value), CATALOG_CACHE_TTL_SECONDS);
    return value;
  }

  return {
    /** Categories (by position, then name) with their subjects (by name) and counts of listed instructors. */
    async categories(): Promise<CategoryView[]> {
      return cached(KEY.categories, async () => {
        const [rows, bySubject, byCategory] = await Promise.all([
          catalog.listCategoriesWithSubjects(),
          catalog.countListedInstructorsBySubject(),
          catalog.countListedInstructorsByCategory(),
        ]);
        const out: CategoryView[] = [];
        const byId = new Map<string, CategoryView>();
        for (const r of rows) {
          let c = byId.get(r.categoryId);
          if (!c) {
            c = {
              id: r.categoryId,
              slug: r.categorySlug,
              name: r.categoryName,
              description: r.categoryDescription,
              instructorCount: byCategory.get(r.categoryId) ?? 0,
              subjects: [],
            };
            byId.set(c.id, c);
            out.push(c);
          }
          if (r.subjectId && r.subjectSlug && r.subjectName) {
            c.subjects.push({
              id: r.subjectId,
              slug: r.subjectSlug,
              name: r.subjectName,
              instructorCount: bySubject.get(r.subjectId) ?? 0,
            });
          }
        }
        return out;
      });
    },

    /** One subject by slug, with its category, aliases and listed-instructor count. */
    async subject(slug: string): Promise<SubjectDetailView> {
      const view = await cached<SubjectDetailView | null>(KEY.subject(slug), async () => {
        const s = await catalog.findSubjectBySlug(slug);
        if (!s) return null;
        const [aliases, counts] = await Promise.all([
          catalog.listSubjectAliases(s.id),
          catalog.countListedInstructorsBySubject(),
        ]);
        return {
          id: s.id,
          slug: s.slug,
          name: s.name,
          instructorCount: counts.get(s.id) ?? 0,
          aliases,
          category: s.category,
        };
      });
      if (!view) throw new NotFoundError("We couldn't find that subject.");
      return view;
    },

    /** Boroughs (by name) with their neighbourhoods (by name). */
    async regions(): Promise<BoroughView[]> {
      return cached(KEY.regions, async () => {
        const rows = await catalog.listBoroughsAndNeighbourhoods();
        const fields = (r: (typeof rows)[number]): RegionFields => ({
          id: r.id,
          slug: r.slug,
          name: r.name,
          parentId: r.parentId,
          lat: r.lat,
          lng: r.lng,
        });
        const boroughs = rows
          .filter((r) => r.kind === "borough")
          .map((r): BoroughView => ({ ...fields(r), kind: "borough", neighbourhoods: [] }));
        const byId = new Map(boroughs.map((b) => [b.id, b]));
        for (const r of rows) {
          if (r.kind === "neighbourhood" && r.parentId)
            byId.get(r.parentId)?.neighbourhoods.push({ ...fields(r), kind: "neighbourhood" });
        }
        return boroughs;
      });
    },
  };
}
export type CatalogService = ReturnType<typeof createCatalogService>;
