import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "~/server/db/client";
import {
  bookings,
  instructorProfiles,
  instructorServiceAreas,
  instructorServices,
  regions,
  reviews,
  subjects,
  users,
} from "~/server/db/schema";

/** Statuses that hold time on a calendar (the exclusion constraints cover exactly these). */
export const ACTIVE_BOOKING_STATUSES = ["pending_payment", "confirmed"] as const;

export type BookingRow = typeof bookings.$inferSelect;
export type NewBooking = typeof bookings.$inferInsert;
export type ReviewRow = typeof reviews.$inferSelect;

/** A page position: (start, id) of the last row seen. */
export type BookingCursor = { startAt: Date; id: string };

/** The two parties of a booking, joined under their own names. */
const student = alias(users, "s");
const instructor = alias(users, "i");

/** One page of a party's bookings: upcoming (ending at/after `now`) or past, keyset-paginated. */
export type BookingListQuery = { when: "upcoming" | "past"; now: Date; limit: number; cursor?: BookingCursor };

export function createBookingRepository(db: DbOrTx) {
  /** Columns of a booking list row: the booking plus the other party's public name parts and the subject. */
  const listColumns = {
    booking: bookings,
    subjectName: subjects.name,
    studentFirstName: student.firstName,
    studentLastName: student.lastName,
    instructorFirstName: instructor.firstName,
    instructorLastName: instructor.lastName,
    studentTimeZone: student.timeZone,
    instructorTimeZone: instructor.timeZone,
    reviewId: reviews.id,
  };

  function listQuery(where: ReturnType<typeof and>, order: "asc" | "desc", limit: number) {
    return db
      .select(listColumns)
      .from(bookings)
      .innerJoin(instructorServices, eq(instructorServices.id, bookings.serviceId))
      .innerJoin(subjects, eq(subjects.id, instructorServices.subjectId))
      .innerJoin(student, eq(student.id, bookings.studentId))
      .innerJoin(instructor, eq(instructor.id, bookings.instructorId))
      .leftJoin(reviews, eq(reviews.bookingId, bookings.id))
      .where(where)
      .orderBy(
        order === "asc" ? asc(bookings.startAt) : desc(bookings.startAt),
        order === "asc" ? asc(bookings.id) : desc(bookings.id),
      )
      .limit(limit);
  }

  const afterCursor = (c: BookingCursor | undefined, order: "asc" | "desc") =>
    c
      ? order === "asc"
        ? or(gt(bookings.startAt, c.startAt), and(eq(bookings.startAt, c.startAt), gt(bookings.id, c.id)))
        : or(lt(bookings.startAt, c.startAt), and(eq(bookings.startAt, c.startAt), lt(bookings.id, c.id)))
      : undefined;

  return {
    /** Active bookings of an instructor that overlap [from, to). */
    async listActiveForInstructorBetween(
      instructorId: string,
      { from, to, excludeBookingId }: { from: Date; to: Date; excludeBookingId?: string },
    ): Promise<{ start: Date; end: Date }[]> {
      return db
        .select({ start: bookings.startAt, end: bookings.endAt })
        .from(bookings)
        .where(
          and(
            eq(bookings.instructorId, instructorId),
            inArray(bookings.status, [...ACTIVE_BOOKING_STATUSES]),
            lt(bookings.startAt, to),
            gt(bookings.endAt, from),
            excludeBookingId ? ne(bookings.id, excludeBookingId) : undefined,
          ),
        );
    },

    /** Everything `create` needs about a service, its instructor and their service areas, in one query. */
    async findServiceForBooking(serviceId: string) {
      const [row] = await db
        .select({
          service: instructorServices,
          instructorStatus: users.status,
          bufferMinutes: instructorProfiles.bufferMinutes,
          timeZone: instructorProfiles.timeZone,
          subjectName: subjects.name,
          areaIds: sql<
            string[]
          >`coalesce((select array_agg(a.region_id) from ${instructorServiceAreas} a where a.instructor_id = ${instructorServices.instructorId}), '{}')`,
        })
        .from(instructorServices)
        .innerJoin(instructorProfiles, eq(instructorProfiles.userId, instructorServices.instructorId))
        .innerJoin(users, eq(users.id, instructorServices.instructorId))
        .innerJoin(subjects, eq(subjects.id, instructorServices.subjectId))
        .where(eq(instructorServices.id, serviceId))
        .limit(1);
      return row ?? null;
    },

    async findFirstActiveService(instructorId: string) {
      const [row] = await db
        .select()
        .from(instructorServices)
        .where(and(eq(instructorServices.instructorId, instructorId), eq(instructorServices.isActive, true)))
        .orderBy(asc(instructorServices.createdAt))
        .limit(1);
      return row ?? null;
    },

    /** A region and its parent (a neighbourhood's borough), for service-area coverage. */
    async findRegionWithParent(regionId: string) {
      const [row] = await db
        .select({ id: regions.id, parentId: regions.parentId, kind: regions.kind, name: regions.name })
        .from(regions)
        .where(eq(regions.id, regionId))
        .limit(1);
      return row ?? null;
    },

    /**
     * Serialises writers touching the same instructor or student calendars: transaction-scoped advisory
     * locks taken in one global order. Without this, concurrent inserts checked by the two exclusion
     * constraints wait on each other in cycles (deadlocks cost ~1 s each to detect). The constraints stay
     * the guarantee; the locks only make losers queue instead of deadlock.
     */
    async lockCalendars(tx: DbOrTx, ...userIds: string[]): Promise<void> {
      const keys = [...new Set(userIds)].sort().map((id) => `calendar:${id}`);
      const list = sql.join(
        keys.map((k) => sql`${k}`),
        sql`, `,
      );
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(array[${list}]::text[]) with ordinality as t(k, n) order by n`,
      );
    },

    async insert(tx: DbOrTx, values: NewBooking): Promise<BookingRow> {
      const [row] = await tx.insert(bookings).values(values).returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },

    async findById(id: string, tx: DbOrTx = db): Promise<BookingRow | null> {
      const [row] = await tx.select().from(bookings).where(eq(bookings.id, id)).limit(1);
      return row ?? null;
    },

    /** Reads a booking and locks its row until the transaction ends (lifecycle steps run one at a time). */
    async lockById(tx: DbOrTx, id: string): Promise<BookingRow | null> {
      const [row] = await tx.select().from(bookings).where(eq(bookings.id, id)).for("update").limit(1);
      return row ?? null;
    },

    async update(tx: DbOrTx, id: string, values: Partial<NewBooking>): Promise<BookingRow> {
      const [row] = await tx.update(bookings).set(values).where(eq(bookings.id, id)).returning();
      if (!row) throw new Error("update matched no row");
      return row;
    },

    /** One booking with the names and subject a view needs. */
    async findView(id: string) {
      const [row] = await listQuery(and(eq(bookings.id, id)), "asc", 1);
      return row ?? null;
    },

    async listForStudent(studentId: string, { when, now, limit, cursor }: BookingListQuery) {
      const order = when === "upcoming" ? "asc" : "desc";
      return listQuery(
        and(
          eq(bookings.studentId, studentId),
          when === "upcoming" ? gte(bookings.endAt, now) : lt(bookings.endAt, now),
          afterCursor(cursor, order),
        ),
        order,
        limit,
      );
    },

    async listForInstructor(
      instructorId: string,
      { when, now, limit, cursor, range }: BookingListQuery & { range?: { from: Date; to: Date } },
    ) {
      const order = when === "upcoming" ? "asc" : "desc";
      return listQuery(
        and(
          eq(bookings.instructorId, instructorId),
          when === "upcoming" ? gte(bookings.endAt, now) : lt(bookings.endAt, now),
          range ? and(lt(bookings.startAt, range.to), gt(bookings.endAt, range.from)) : undefined,
          afterCursor(cursor, order),
        ),
        order,
        limit,
      );
    },

    /** Whether the pair has a confirmed (or completed) booking — unlocks contact details in messages. */
    async pairHasConfirmedBooking(studentId: string, instructorId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: bookings.id })
        .from(bookings)
        .where(
          and(
            eq(bookings.studentId, studentId),
            eq(bookings.instructorId, instructorId),
            inArray(bookings.status, ["confirmed", "completed"]),
          ),
        )
        .limit(1);
      return Boolean(row);
    },

    /** Confirmed bookings that ended before `endedBefore` with no no-show report. */
    async listDueForAutoComplete(endedBefore: Date, limit: number): Promise<BookingRow[]> {
      return db
        .select()
        .from(bookings)
        .where(
          and(eq(bookings.status, "confirmed"), lte(bookings.endAt, endedBefore), isNull(bookings.noShowReportedAt)),
        )
        .orderBy(asc(bookings.endAt))
        .limit(limit);
    },

    // ── Reviews ──
    async findReview(id: string, tx: DbOrTx = db): Promise<ReviewRow | null> {
      const [row] = await tx.select().from(reviews).where(eq(reviews.id, id)).limit(1);
      return row ?? null;
    },
    async insertReview(tx: DbOrTx, values: typeof reviews.$inferInsert): Promise<ReviewRow> {
      const [row] = await tx.insert(reviews).values(values).returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },
    async updateReview(tx: DbOrTx, id: string, values: Partial<typeof reviews.$inferInsert>): Promise<ReviewRow> {
      const [row] = await tx.update(reviews).set(values).where(eq(reviews.id, id)).returning();
      if (!row) throw new Error("update matched no row");
      return row;
    },
    /** Sets the reply only if there is none yet; false when one already exists. */
    async setReplyOnce(tx: DbOrTx, id: string, reply: string): Promise<boolean> {
      const rows = await tx
        .update(reviews)
        .set({ reply, repliedAt: new Date() })
        .where(and(eq(reviews.id, id), isNull(reviews.reply)))
        .returning({ id: reviews.id });
      return rows.length === 1;
    },
    /** Recomputes the instructor's rating aggregate from their reviews (same transaction as the change). */
    async refreshRating(tx: DbOrTx, instructorId: string): Promise<void> {
      await tx
        .update(instructorProfiles)
        .set({
          ratingAvg: sql`coalesce((select avg(r.rating)::float8 from ${reviews} r where r.instructor_id = ${instructorId}), 0)`,
          ratingCount: sql`(select count(*)::int from ${reviews} r where r.instructor_id = ${instructorId})`,
        })
        .where(eq(instructorProfiles.userId, instructorId));
    },
    async listReviewsForInstructor(instructorId: string, limit: number, cursor?: { createdAt: Date; id: string }) {
      return db
        .select({ review: reviews, studentFirstName: users.firstName, studentLastName: users.lastName })
        .from(reviews)
        .innerJoin(users, eq(users.id, reviews.studentId))
        .where(
          and(
            eq(reviews.instructorId, instructorId),
            // Reviews an admin hid (moderation) are left out of the profile.
            sql`not exists (select 1 from hidden_content h where h.kind = 'review' and h.target_id = ${reviews.id})`,
            cursor
              ? or(
                  lt(reviews.createdAt, cursor.createdAt),
                  and(eq(reviews.createdAt, cursor.createdAt), lt(reviews.id, cursor.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(reviews.createdAt), desc(reviews.id))
        .limit(limit);
    },
  };
}
export type BookingRepository = ReturnType<typeof createBookingRepository>;
