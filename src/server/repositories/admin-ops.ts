import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Database, DbOrTx } from "~/server/db/client";
import { rowsOf } from "~/server/db/client";
import {
  auditLog,
  bookingPayments,
  bookings,
  conversations,
  hiddenContent,
  instructorProfiles,
  instructorServices,
  jobEvents,
  jobRuns,
  jobSteps,
  ledgerEntries,
  messages,
  paymentEvents,
  subjects,
  users,
  type BookingStatus,
  type PaymentState,
} from "~/server/db/schema";

/** `%` and `_` are literal in a user's search text. */
const likeText = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export type AdminBookingFilter = {
  status?: BookingStatus;
  from?: Date;
  to?: Date;
  instructor?: string;
  student?: string;
  offset: number;
  limit: number;
};

/** The pipeline's buckets: each names the payment states (and the failure test) that fall into it. */
export type PipelineBucket = "scheduled" | "authorized" | "captured" | "failed" | "refunded" | "disputed";

function bucketCondition(b: PipelineBucket): SQL {
  const failed = or(
    eq(bookingPayments.state, "auth_failed"),
    and(inArray(bookingPayments.state, ["authorized", "authorizing"]), isNotNull(bookingPayments.lastError)),
  )!;
  switch (b) {
    case "scheduled":
      return inArray(bookingPayments.state, ["scheduled", "awaiting_card", "authorizing"]);
    case "authorized":
      return and(eq(bookingPayments.state, "authorized"), sql`${bookingPayments.lastError} is null`)!;
    case "captured":
      return eq(bookingPayments.state, "captured");
    case "failed":
      return failed;
    case "refunded":
      return inArray(bookingPayments.state, ["refunded", "partially_refunded"]);
    case "disputed":
      return eq(bookingPayments.state, "disputed");
  }
}
export const PIPELINE_BUCKETS: PipelineBucket[] = [
  "scheduled",
  "authorized",
  "captured",
  "failed",
  "refunded",
  "disputed",
];

/** Read models of the admin console's operations pages (bookings, payments pipeline, instructors, jobs). */
export function createAdminOpsRepository(db: Database) {
  const s = sql`s`;
  const i = sql`i`;
  return {
    /** A page of bookings matching the filter (newest start first) and the total count. */
    async listBookings(f: AdminBookingFilter) {
      const where = and(
        f.status ? eq(bookings.status, f.status) : undefined,
        f.from ? gte(bookings.startAt, f.from) : undefined,
        f.to ? lt(bookings.startAt, f.to) : undefined,
        f.instructor
          ? sql`(${i}.email ilike ${likeText(f.instructor)} or (${i}.first_name || ' ' || ${i}.last_name) ilike ${likeText(f.instructor)} or ${i}.id = ${f.instructor})`
          : undefined,
        f.student
          ? sql`(${s}.email ilike ${likeText(f.student)} or (${s}.first_name || ' ' || ${s}.last_name) ilike ${likeText(f.student)} or ${s}.id = ${f.student})`
          : undefined,
      );
      const base = () =>
        db
          .select({
            booking: bookings,
            subject: subjects.name,
            studentName: sql<string>`${s}.first_name || ' ' || ${s}.last_name`,
            studentEmail: sql<string>`${s}.email`,
            instructorName: sql<string>`${i}.first_name || ' ' || ${i}.last_name`,
            instructorEmail: sql<string>`${i}.email`,
            paymentState: bookingPayments.state,
          })
          .from(bookings)
          .innerJoin(instructorServices, eq(instructorServices.id, bookings.serviceId))
          .innerJoin(subjects, eq(subjects.id, instructorServices.subjectId))
          .innerJoin(sql`users s`, sql`${s}.id = ${bookings.studentId}`)
          .innerJoin(sql`users i`, sql`${i}.id = ${bookings.instructorId}`)
          .leftJoin(bookingPayments, eq(bookingPayments.bookingId, bookings.id));
      const [rows, [total]] = await Promise.all([
        base().where(where).orderBy(desc(bookings.startAt), desc(bookings.id)).limit(f.limit).offset(f.offset),
        db
          .select({ n: count() })
          .from(bookings)
          .innerJoin(sql`users s`, sql`${s}.id = ${bookings.studentId}`)
          .innerJoin(sql`users i`, sql`${i}.id = ${bookings.instructorId}`)
          .where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    /** One booking with both parties and the subject. */
    async findBooking(id: string) {
      const [row] = await db
        .select({
          booking: bookings,
          subject: subjects.name,
          studentName: sql<string>`${s}.first_name || ' ' || ${s}.last_name`,
          studentEmail: sql<string>`${s}.email`,
          instructorName: sql<string>`${i}.first_name || ' ' || ${i}.last_name`,
          instructorEmail: sql<string>`${i}.email`,
        })
        .from(bookings)
        .innerJoin(instructorServices, eq(instructorServices.id, bookings.serviceId))
        .innerJoin(subjects, eq(subjects.id, instructorServices.subjectId))
        .innerJoin(sql`users s`, sql`${s}.id = ${bookings.studentId}`)
        .innerJoin(sql`users i`, sql`${i}.id = ${bookings.instructorId}`)
        .where(eq(bookings.id, id))
        .limit(1);
      return row ?? null;
    },

    /** Domain events about a booking (their ids carry the booking id, e.g. `booking/cancelled:<id>`). */
    async domainEventsOf(bookingId: string) {
      return db
        .select()
        .from(jobEvents)
        .where(ilike(jobEvents.id, likeText(bookingId)))
        .orderBy(asc(jobEvents.receivedAt))
        .limit(200);
    },

    async paymentEventsOf(bookingId: string) {
      return db
        .select()
        .from(paymentEvents)
        .where(eq(paymentEvents.bookingId, bookingId))
        .orderBy(asc(paymentEvents.createdAt), asc(paymentEvents.id))
        .limit(200);
    },

    async ledgerOfBooking(bookingId: string) {
      return db
        .select()
        .from(ledgerEntries)
        .where(eq(ledgerEntries.bookingId, bookingId))
        .orderBy(asc(ledgerEntries.createdAt), asc(ledgerEntries.id));
    },

    /** Audit rows about a booking. */
    async auditOf(targetType: string, targetId: string) {
      return db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.targetType, targetType), eq(auditLog.targetId, targetId)))
        .orderBy(asc(auditLog.createdAt))
        .limit(200);
    },

    /** The newest messages (up to `limit`) of the pair's conversation, oldest first, with hidden flags. */
    async conversationMessages(studentId: string, instructorId: string, limit: number) {
      const rows = await db
        .select({
          message: messages,
          hidden: sql<boolean>`exists (select 1 from ${hiddenContent} h where h.kind = 'message' and h.target_id = ${messages.id})`,
        })
        .from(messages)
        .innerJoin(conversations, eq(conversations.id, messages.conversationId))
        .where(
          sql`least(${conversations.studentId}, ${conversations.instructorId}) = least(${studentId}::text, ${instructorId}::text) and greatest(${conversations.studentId}, ${conversations.instructorId}) = greatest(${studentId}::text, ${instructorId}::text)`,
        )
        .orderBy(desc(messages.id))
        .limit(limit);
      return rows.reverse();
    },

    /* ── payments pipeline ── */

    async pipelineCounts(): Promise<Record<PipelineBucket, number>> {
      const entries = await Promise.all(
        PIPELINE_BUCKETS.map(async (b) => {
          const [r] = await db.select({ n: count() }).from(bookingPayments).where(bucketCondition(b));
          return [b, r?.n ?? 0] as const;
        }),
      );
      return Object.fromEntries(entries) as Record<PipelineBucket, number>;
    },

    async pipelineList(bucket: PipelineBucket, offset: number, limit: number) {
      return db
        .select({
          payment: bookingPayments,
          startAt: bookings.startAt,
          bookingStatus: bookings.status,
          studentName: sql<string>`${s}.first_name || ' ' || ${s}.last_name`,
          instructorName: sql<string>`${i}.first_name || ' ' || ${i}.last_name`,
        })
        .from(bookingPayments)
        .innerJoin(bookings, eq(bookings.id, bookingPayments.bookingId))
        .innerJoin(sql`users s`, sql`${s}.id = ${bookingPayments.studentId}`)
        .innerJoin(sql`users i`, sql`${i}.id = ${bookingPayments.instructorId}`)
        .where(bucketCondition(bucket))
        .orderBy(desc(bookingPayments.updatedAt), desc(bookingPayments.bookingId))
        .limit(limit)
        .offset(offset);
    },

    /** Ledger sums per account, the grand total and the number of unbalanced transactions. */
    async ledgerTotals() {
      const byAccount = await db
        .select({
          account: ledgerEntries.account,
          cents: sql<number>`coalesce(sum(${ledgerEntries.amountCents}), 0)::int`,
        })
        .from(ledgerEntries)
        .groupBy(ledgerEntries.account);
      const [u] = rowsOf<{ n: number }>(
        await db.execute(
          sql`select count(*)::int as n from (select transaction_id from ${ledgerEntries} group by transaction_id having sum(amount_cents) <> 0) t`,
        ),
      );
      return { byAccount, unbalancedTransactions: u?.n ?? 0 };
    },

    /** The same money counted from the payment rows instead of the ledger. */
    async paymentRecount() {
      const [r] = await db
        .select({
          cardCaptured: sql<number>`coalesce(sum(${bookingPayments.capturedCents}), 0)::int`,
          cardRefunded: sql<number>`coalesce(sum(least(${bookingPayments.refundedCents}, ${bookingPayments.capturedCents})), 0)::int`,
          creditNet: sql<number>`coalesce(sum(${bookingPayments.creditUsedCents} - greatest(${bookingPayments.refundedCents} - ${bookingPayments.capturedCents}, 0)), 0)::int`,
        })
        .from(bookingPayments);
      return r ?? { cardCaptured: 0, cardRefunded: 0, creditNet: 0 };
    },

    /* ── instructors ── */

    /** Instructor profiles for the verification queue: pending checks first, then newest. */
    async listInstructors(f: {
      check?: "pending" | "passed" | "failed";
      query?: string;
      offset: number;
      limit: number;
    }) {
      const where = and(
        f.check ? eq(instructorProfiles.backgroundCheck, f.check) : undefined,
        f.query
          ? or(
              ilike(users.email, likeText(f.query)),
              sql`(${users.firstName} || ' ' || ${users.lastName}) ilike ${likeText(f.query)}`,
            )
          : undefined,
      );
      const [rows, [total]] = await Promise.all([
        db
          .select({
            profile: instructorProfiles,
            firstName: users.firstName,
            lastName: users.lastName,
            email: users.email,
            status: users.status,
            activeServices: sql<number>`(select count(*)::int from ${instructorServices} sv where sv.instructor_id = ${instructorProfiles.userId} and sv.is_active)`,
            hidden: sql<
              string[]
            >`coalesce((select array_agg(h.kind) from ${hiddenContent} h where h.target_id = ${instructorProfiles.userId} and h.kind like 'profile_%'), '{}')`,
          })
          .from(instructorProfiles)
          .innerJoin(users, eq(users.id, instructorProfiles.userId))
          .where(where)
          .orderBy(
            sql`case ${instructorProfiles.backgroundCheck} when 'pending' then 0 else 1 end`,
            desc(instructorProfiles.createdAt),
          )
          .limit(f.limit)
          .offset(f.offset),
        db
          .select({ n: count() })
          .from(instructorProfiles)
          .innerJoin(users, eq(users.id, instructorProfiles.userId))
          .where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    /* ── jobs ── */

    async listJobRuns(f: {
      status?: "failed" | "running" | "queued" | "sleeping" | "completed" | "cancelled";
      offset: number;
      limit: number;
    }) {
      const where = f.status ? eq(jobRuns.status, f.status) : undefined;
      const [rows, counts] = await Promise.all([
        db
          .select({
            run: jobRuns,
            steps: sql<number>`(select count(*)::int from ${jobSteps} st where st.run_id = ${jobRuns.id})`,
          })
          .from(jobRuns)
          .where(where)
          .orderBy(desc(jobRuns.updatedAt), desc(jobRuns.id))
          .limit(f.limit)
          .offset(f.offset),
        db.select({ status: jobRuns.status, n: count() }).from(jobRuns).groupBy(jobRuns.status),
      ]);
      return { rows, counts };
    },

    async findJobRun(id: string, tx: DbOrTx = db) {
      const [row] = await tx.select().from(jobRuns).where(eq(jobRuns.id, id)).for("update").limit(1);
      return row ?? null;
    },

    /** Puts a failed run back in the queue (due now, attempts reset); false when it is no longer failed. */
    async requeueFailedRun(tx: DbOrTx, id: string, now: Date): Promise<boolean> {
      const rows = await tx
        .update(jobRuns)
        .set({
          status: "queued",
          wakeAt: now,
          attempt: 0,
          finishedAt: null,
          updatedAt: now,
          leaseOwner: null,
          leaseUntil: null,
        })
        .where(and(eq(jobRuns.id, id), eq(jobRuns.status, "failed")))
        .returning({ id: jobRuns.id });
      return rows.length > 0;
    },

    /** Payment state of one booking (locked), for retries decided by an admin. */
    async paymentState(bookingId: string): Promise<PaymentState | null> {
      const [r] = await db
        .select({ state: bookingPayments.state })
        .from(bookingPayments)
        .where(eq(bookingPayments.bookingId, bookingId));
      return r?.state ?? null;
    },

    /** Any user (for moderation and instructor actions). */
  };
}
export type AdminOpsRepository = ReturnType<typeof createAdminOpsRepository>;
