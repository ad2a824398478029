import { and, asc, eq, gt, inArray, ne, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "~/server/db/client";
import {
  availabilityBlackouts,
  availabilityDays,
  availabilityPatterns,
  bookings,
  instructorProfiles,
  instructorServiceAreas,
  instructorServices,
  regions,
  subjects,
  users,
} from "~/server/db/schema";

export type InstructorProfileRow = typeof instructorProfiles.$inferSelect;
export type NewInstructorProfile = typeof instructorProfiles.$inferInsert;
export type InstructorServiceRow = typeof instructorServices.$inferSelect;
export type NewInstructorService = typeof instructorServices.$inferInsert;

/** Days ahead the listing rule looks for availability (PRODUCT.md §2). */
export const LISTED_AVAILABILITY_DAYS = 30;

/**
 * The listing rule of PRODUCT.md §2 as a SQL predicate over `instructor_profiles` joined with `users`, for
 * lists and counts: active account, an active service, background check passed or pending, payouts active,
 * and a day in the next 30 (instructor's local dates) whose effective availability is not empty — the day's
 * own bitmap, else the weekly pattern, and not blacked out. Unlike the exact check (the availability
 * service's `hasAvailabilityWithin`, used by the checklist), it does not subtract bookings or minimum notice.
 */
export function listedInstructorCondition(days = LISTED_AVAILABILITY_DAYS): SQL {
  const p = instructorProfiles;
  const localDay = sql`((now() at time zone ${p.timeZone})::date + g.n)`;
  const localDate = sql`to_char(${localDay}, 'YYYY-MM-DD')`;
  return sql`(
    ${users.status} = 'active'
    and ${p.backgroundCheck} in ('passed', 'pending')
    and ${p.payoutStatus} = 'active'
    and exists (select 1 from ${instructorServices} where ${instructorServices.instructorId} = ${p.userId} and ${instructorServices.isActive})
    and exists (
      select 1 from generate_series(0, ${days}::int) as g(n)
      where not exists (
          select 1 from ${availabilityBlackouts}
          where ${availabilityBlackouts.instructorId} = ${p.userId} and ${availabilityBlackouts.localDate} = ${localDate}
        )
        and coalesce(
          (select ${availabilityDays.bits} from ${availabilityDays}
            where ${availabilityDays.instructorId} = ${p.userId} and ${availabilityDays.localDate} = ${localDate}),
          (select ${availabilityPatterns.bits} from ${availabilityPatterns}
            where ${availabilityPatterns.instructorId} = ${p.userId} and ${availabilityPatterns.weekday} = extract(isodow from ${localDay})::int)
        ) <> decode(repeat('00', 180), 'hex')
    )
  )`;
}

const neighbourhood = alias(regions, "nbh");
const borough = alias(regions, "nbh_borough");

/** Columns a public view may carry. Last name, email, phone, address and exact point are deliberately absent. */
const publicColumns = {
  id: instructorProfiles.userId,
  firstName: users.firstName,
  /** Only the initial leaves the database for public views. */
  lastInitial: sql<string>`upper(left(trim(${users.lastName}), 1))`,
  photoUrl: instructorProfiles.photoUrl,
  headline: instructorProfiles.headline,
  bio: instructorProfiles.bio,
  yearsExperience: instructorProfiles.yearsExperience,
  languages: instructorProfiles.languages,
  offersTravel: instructorProfiles.offersTravel,
  offersAtLocation: instructorProfiles.offersAtLocation,
  offersOnline: instructorProfiles.offersOnline,
  publicLat: instructorProfiles.publicLat,
  publicLng: instructorProfiles.publicLng,
  neighbourhoodName: neighbourhood.name,
  boroughName: borough.name,
  backgroundCheck: instructorProfiles.backgroundCheck,
  payoutStatus: instructorProfiles.payoutStatus,
  founding: instructorProfiles.founding,
  ratingAvg: instructorProfiles.ratingAvg,
  ratingCount: instructorProfiles.ratingCount,
};
export type CardFilter = { subjectSlug?: string; regionId?: string; afterId?: string; limit: number };

/** Instructor profiles, their service areas and lesson services. */
export function createInstructorRepository(db: DbOrTx) {
  function publicSelect(tx: DbOrTx) {
    return tx
      .select({ ...publicColumns, listed: sql<boolean>`${listedInstructorCondition()}` })
      .from(instructorProfiles)
      .innerJoin(users, eq(users.id, instructorProfiles.userId))
      .leftJoin(neighbourhood, eq(neighbourhood.id, instructorProfiles.neighbourhoodId))
      .leftJoin(borough, eq(borough.id, neighbourhood.parentId));
  }

  return {
    /** The private view's data: the profile plus the owner's account fields. */
    async findProfile(userId: string, tx: DbOrTx = db) {
      const [row] = await tx
        .select({
          profile: instructorProfiles,
          user: {
            firstName: users.firstName,
            lastName: users.lastName,
            email: users.email,
            status: users.status,
            role: users.role,
          },
          neighbourhoodName: neighbourhood.name,
          boroughName: borough.name,
        })
        .from(instructorProfiles)
        .innerJoin(users, eq(users.id, instructorProfiles.userId))
        .leftJoin(neighbourhood, eq(neighbourhood.id, instructorProfiles.neighbourhoodId))
        .leftJoin(borough, eq(borough.id, neighbourhood.parentId))
        .where(eq(instructorProfiles.userId, userId))
        .limit(1);
      return row ?? null;
    },

    /** Locks the profile row: serialises one instructor's service edits (one active service per subject). */
    async lockProfile(tx: DbOrTx, userId: string): Promise<InstructorProfileRow | null> {
      const [row] = await tx
        .select()
        .from(instructorProfiles)
        .where(eq(instructorProfiles.userId, userId))
        .for("update")
        .limit(1);
      return row ?? null;
    },

    async updateProfile(
      userId: string,
      values: Partial<Omit<NewInstructorProfile, "userId">>,
      tx: DbOrTx = db,
    ): Promise<InstructorProfileRow | null> {
      const [row] = await tx
        .update(instructorProfiles)
        .set(values)
        .where(eq(instructorProfiles.userId, userId))
        .returning();
      return row ?? null;
    },

    /** Public columns of one instructor with an active account. */
    async findPublic(userId: string) {
      const [row] = await publicSelect(db)
        .where(and(eq(instructorProfiles.userId, userId), eq(users.status, "active")))
        .limit(1);
      return row ?? null;
    },

    /** Listed instructors for browsing, by id after the cursor; optional subject and area filters. */
    async listListedPublic(filter: CardFilter) {
      const conditions: SQL[] = [listedInstructorCondition()];
      if (filter.afterId) conditions.push(gt(instructorProfiles.userId, filter.afterId));
      if (filter.subjectSlug) {
        conditions.push(sql`exists (
          select 1 from ${instructorServices} inner join ${subjects} on ${subjects.id} = ${instructorServices.subjectId}
          where ${instructorServices.instructorId} = ${instructorProfiles.userId} and ${instructorServices.isActive}
            and ${subjects.slug} = ${filter.subjectSlug})`);
      }
      if (filter.regionId) conditions.push(coversRegion(filter.regionId));
      return publicSelect(db)
        .where(and(...conditions))
        .orderBy(asc(instructorProfiles.userId))
        .limit(filter.limit);
    },

    /** Public columns of the given instructors with active accounts (any order). */
    async listPublicByIds(ids: string[]) {
      if (!ids.length) return [];
      return publicSelect(db).where(and(inArray(instructorProfiles.userId, ids), eq(users.status, "active")));
    },

    /** Active services of several instructors with their subjects, for cards and public profiles (one query). */
    async listActiveServicesOf(instructorIds: string[]) {
      if (!instructorIds.length) return [];
      return db
        .select({ service: instructorServices, subject: { id: subjects.id, slug: subjects.slug, name: subjects.name } })
        .from(instructorServices)
        .innerJoin(subjects, eq(subjects.id, instructorServices.subjectId))
        .where(and(inArray(instructorServices.instructorId, instructorIds), eq(instructorServices.isActive, true)))
        .orderBy(asc(subjects.name), asc(instructorServices.id));
    },

    /** One instructor's services including inactive ones, active first, then by subject name. */
    async listServicesOf(instructorId: string, tx: DbOrTx = db) {
      return tx
        .select({ service: instructorServices, subject: { id: subjects.id, slug: subjects.slug, name: subjects.name } })
        .from(instructorServices)
        .innerJoin(subjects, eq(subjects.id, instructorServices.subjectId))
        .where(eq(instructorServices.instructorId, instructorId))
        .orderBy(sql`${instructorServices.isActive} desc`, asc(subjects.name), asc(instructorServices.id));
    },

    /** A service only when it belongs to the instructor (others' ids look exactly like unknown ids). */
    async findOwnedService(
      instructorId: string,
      serviceId: string,
      tx: DbOrTx = db,
    ): Promise<InstructorServiceRow | null> {
      const [row] = await tx
        .select()
        .from(instructorServices)
        .where(and(eq(instructorServices.id, serviceId), eq(instructorServices.instructorId, instructorId)))
        .limit(1);
      return row ?? null;
    },

    async findActiveServiceForSubject(
      tx: DbOrTx,
      { instructorId, subjectId, exceptId }: { instructorId: string; subjectId: string; exceptId?: string },
    ): Promise<InstructorServiceRow | null> {
      const [row] = await tx
        .select()
        .from(instructorServices)
        .where(
          and(
            eq(instructorServices.instructorId, instructorId),
            eq(instructorServices.subjectId, subjectId),
            eq(instructorServices.isActive, true),
            exceptId ? ne(instructorServices.id, exceptId) : undefined,
          ),
        )
        .limit(1);
      return row ?? null;
    },

    async countActiveServices(instructorId: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(instructorServices)
        .where(and(eq(instructorServices.instructorId, instructorId), eq(instructorServices.isActive, true)));
      return row?.n ?? 0;
    },

    async insertService(tx: DbOrTx, values: NewInstructorService): Promise<InstructorServiceRow> {
      const [row] = await tx.insert(instructorServices).values(values).returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },

    async updateService(
      tx: DbOrTx,
      id: string,
      values: Partial<Omit<NewInstructorService, "id" | "instructorId">>,
    ): Promise<InstructorServiceRow> {
      const [row] = await tx.update(instructorServices).set(values).where(eq(instructorServices.id, id)).returning();
      if (!row) throw new Error("update returned no row");
      return row;
    },

    async deleteService(tx: DbOrTx, id: string): Promise<void> {
      await tx.delete(instructorServices).where(eq(instructorServices.id, id));
    },

    /** Whether any booking (any status) references the service: such a service can only be deactivated. */
    async serviceHasBookings(serviceId: string, tx: DbOrTx = db): Promise<boolean> {
      const [row] = await tx
        .select({ id: bookings.id })
        .from(bookings)
        .where(eq(bookings.serviceId, serviceId))
        .limit(1);
      return Boolean(row);
    },

    async listServiceAreas(instructorId: string, tx: DbOrTx = db) {
      return tx
        .select({
          id: regions.id,
          slug: regions.slug,
          name: regions.name,
          kind: regions.kind,
          parentId: regions.parentId,
        })
        .from(instructorServiceAreas)
        .innerJoin(regions, eq(regions.id, instructorServiceAreas.regionId))
        .where(eq(instructorServiceAreas.instructorId, instructorId))
        .orderBy(asc(regions.name), asc(regions.id));
    },

    async replaceServiceAreas(tx: DbOrTx, instructorId: string, regionIds: string[]): Promise<void> {
      await tx.delete(instructorServiceAreas).where(eq(instructorServiceAreas.instructorId, instructorId));
      if (regionIds.length)
        await tx.insert(instructorServiceAreas).values(regionIds.map((regionId) => ({ instructorId, regionId })));
    },
  };
}
export type InstructorRepository = ReturnType<typeof createInstructorRepository>;

/**
 * Coverage of a region: a service area that is the region, inside it, or contains it (a borough covers its
 * neighbourhoods), or a teaching address in it.
 */
function coversRegion(regionId: string): SQL {
  const inside = sql`(select ${regions.id} from ${regions} where ${regions.parentId} = ${regionId})`;
  const parent = sql`(select ${regions.parentId} from ${regions} where ${regions.id} = ${regionId})`;
  return sql`(
    exists (
      select 1 from ${instructorServiceAreas}
      where ${instructorServiceAreas.instructorId} = ${instructorProfiles.userId}
        and (${instructorServiceAreas.regionId} = ${regionId}
          or ${instructorServiceAreas.regionId} in ${inside}
          or ${instructorServiceAreas.regionId} = ${parent})
    )
    or ${instructorProfiles.neighbourhoodId} = ${regionId}
    or ${instructorProfiles.neighbourhoodId} in ${inside}
  )`;
}
