import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import {
  categories,
  instructorProfiles,
  instructorServices,
  regions,
  subjectAliases,
  subjects,
  users,
} from "~/server/db/schema";
import { listedInstructorCondition } from "./instructors";

export type RegionRow = typeof regions.$inferSelect;
export type SubjectRow = typeof subjects.$inferSelect;

/** Catalog (categories, subjects, aliases) and the city gazetteer (regions). Read-mostly, seeded. */
export function createCatalogRepository(db: DbOrTx) {
  return {
    /** Every category and its subjects, categories by position then name, subjects by name. */
    async listCategoriesWithSubjects() {
      return db
        .select({
          categoryId: categories.id,
          categorySlug: categories.slug,
          categoryName: categories.name,
          categoryDescription: categories.description,
          subjectId: subjects.id,
          subjectSlug: subjects.slug,
          subjectName: subjects.name,
        })
        .from(categories)
        .leftJoin(subjects, eq(subjects.categoryId, categories.id))
        .orderBy(asc(categories.position), asc(categories.name), asc(subjects.name), asc(subjects.id));
    },

    /** Listed instructors per subject (an instructor counts once per subject with an active service in it). */
    async countListedInstructorsBySubject(): Promise<Map<string, number>> {
      const rows = await db
        .select({
          subjectId: instructorServices.subjectId,
          n: sql<number>`count(distinct ${instructorServices.instructorId})::int`,
        })
        .from(instructorServices)
        .innerJoin(instructorProfiles, eq(instructorProfiles.userId, instructorServices.instructorId))
        .innerJoin(users, eq(users.id, instructorProfiles.userId))
        .where(and(eq(instructorServices.isActive, true), listedInstructorCondition()))
        .groupBy(instructorServices.subjectId);
      return new Map(rows.map((r) => [r.subjectId, r.n]));
    },

    /** Listed instructors per category (an instructor teaching two subjects of one category counts once). */
    async countListedInstructorsByCategory(): Promise<Map<string, number>> {
      const rows = await db
        .select({
          categoryId: subjects.categoryId,
          n: sql<number>`count(distinct ${instructorServices.instructorId})::int`,
        })
        .from(instructorServices)
        .innerJoin(subjects, eq(subjects.id, instructorServices.subjectId))
        .innerJoin(instructorProfiles, eq(instructorProfiles.userId, instructorServices.instructorId))
        .innerJoin(users, eq(users.id, instructorProfiles.userId))
        .where(and(eq(instructorServices.isActive, true), listedInstructorCondition()))
        .groupBy(subjects.categoryId);
      return new Map(rows.map((r) => [r.categoryId, r.n]));
    },

    async findSubjectBySlug(slug: string) {
      const [row] = await db
        .select({
          id: subjects.id,
          slug: subjects.slug,
          name: subjects.name,
          category: { id: categories.id, slug: categories.slug, name: categories.name },
        })
        .from(subjects)
        .innerJoin(categories, eq(categories.id, subjects.categoryId))
        .where(eq(subjects.slug, slug))
        .limit(1);
      return row ?? null;
    },

    async findSubjectById(id: string, tx: DbOrTx = db): Promise<SubjectRow | null> {
      const [row] = await tx.select().from(subjects).where(eq(subjects.id, id)).limit(1);
      return row ?? null;
    },

    async listSubjectAliases(subjectId: string): Promise<string[]> {
      const rows = await db
        .select({ alias: subjectAliases.alias })
        .from(subjectAliases)
        .where(eq(subjectAliases.subjectId, subjectId))
        .orderBy(asc(subjectAliases.alias));
      return rows.map((r) => r.alias);
    },

    /** Boroughs and neighbourhoods (the service-area picker), by name. */
    async listBoroughsAndNeighbourhoods(): Promise<RegionRow[]> {
      return db
        .select()
        .from(regions)
        .where(inArray(regions.kind, ["borough", "neighbourhood"]))
        .orderBy(asc(regions.name), asc(regions.id));
    },

    async listNeighbourhoods(): Promise<RegionRow[]> {
      return db.select().from(regions).where(eq(regions.kind, "neighbourhood"));
    },

    async findRegionsByIds(ids: string[], tx: DbOrTx = db): Promise<RegionRow[]> {
      if (!ids.length) return [];
      return tx.select().from(regions).where(inArray(regions.id, ids));
    },
  };
}
export type CatalogRepository = ReturnType<typeof createCatalogRepository>;
