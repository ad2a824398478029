import { and, asc, desc, eq, gte, inArray, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { rowsOf } from "~/server/db/client";
import {
  bookingPayments,
  bookings,
  creditEntries,
  instructorProfiles,
  instructorServices,
  ledgerEntries,
  paymentAccounts,
  paymentCustomers,
  paymentEvents,
  stripeEvents,
  subjects,
  users,
  type LedgerAccount,
} from "~/server/db/schema";
import { newId } from "~/lib/ids";

export type BookingPaymentRow = typeof bookingPayments.$inferSelect;
export type NewBookingPayment = typeof bookingPayments.$inferInsert;
export type PaymentAccountRow = typeof paymentAccounts.$inferSelect;
export type PaymentCustomerRow = typeof paymentCustomers.$inferSelect;
export type CreditEntryRow = typeof creditEntries.$inferSelect;

/** Payments: the only SQL of the payment service (accounts, customers, booking payments, ledger, credits, webhooks). */
export function createPaymentRepository(db: DbOrTx) {
  return {
    // ── Connect accounts ──
    async findAccount(instructorId: string, tx: DbOrTx = db): Promise<PaymentAccountRow | null> {
      const [row] = await tx
        .select()
        .from(paymentAccounts)
        .where(eq(paymentAccounts.instructorId, instructorId))
        .limit(1);
      return row ?? null;
    },
    /** Creates the account row once; a concurrent second onboarding start keeps the first account. */
    async insertAccount(values: typeof paymentAccounts.$inferInsert): Promise<PaymentAccountRow> {
      await db.insert(paymentAccounts).values(values).onConflictDoNothing({ target: paymentAccounts.instructorId });
      const row = await this.findAccount(values.instructorId);
      if (!row) throw new Error("account insert failed");
      return row;
    },
    /** Stores the account's status and mirrors it on the instructor profile's payout status. */
    async updateAccountStatus(
      tx: DbOrTx,
      stripeAccountId: string,
      s: {
        state: "pending" | "complete";
        chargesEnabled: boolean;
        payoutsEnabled: boolean;
        detailsSubmitted: boolean;
        requirementsDue: string[];
      },
    ): Promise<PaymentAccountRow | null> {
      const [row] = await tx
        .update(paymentAccounts)
        .set(s)
        .where(eq(paymentAccounts.stripeAccountId, stripeAccountId))
        .returning();
      if (row)
        await tx
          .update(instructorProfiles)
          .set({ payoutStatus: s.state === "complete" ? "active" : "pending" })
          .where(eq(instructorProfiles.userId, row.instructorId));
      return row ?? null;
    },

    // ── Customers ──
    async findCustomer(userId: string, tx: DbOrTx = db): Promise<PaymentCustomerRow | null> {
      const [row] = await tx.select().from(paymentCustomers).where(eq(paymentCustomers.userId, userId)).limit(1);
      return row ?? null;
    },
    async insertCustomer(values: typeof paymentCustomers.$inferInsert): Promise<PaymentCustomerRow> {
      await db.insert(paymentCustomers).values(values).onConflictDoNothing({ target: paymentCustomers.userId });
      const row = await this.findCustomer(values.userId);
      if (!row) throw new Error("customer insert failed");
      return row;
    },
    async setDefaultCard(userId: string, paymentMethodId: string | null): Promise<void> {
      await db
        .update(paymentCustomers)
        .set({ defaultPaymentMethodId: paymentMethodId })
        .where(eq(paymentCustomers.userId, userId));
    },
    /** Whether a card holds (or will hold) the authorization of an upcoming lesson. */
    async cardInUse(studentId: string, paymentMethodId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: bookingPayments.bookingId })
        .from(bookingPayments)
        .innerJoin(bookings, eq(bookings.id, bookingPayments.bookingId))
        .where(
          and(
            eq(bookingPayments.studentId, studentId),
            eq(bookingPayments.paymentMethodId, paymentMethodId),
            inArray(bookingPayments.state, ["scheduled", "authorizing", "authorized", "auth_failed"]),
            inArray(bookings.status, ["pending_payment", "confirmed"]),
          ),
        )
        .limit(1);
      return Boolean(row);
    },

    // ── Booking payments ──
    async insertPayment(tx: DbOrTx, values: NewBookingPayment): Promise<BookingPaymentRow> {
      const [row] = await tx.insert(bookingPayments).values(values).returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },
    async findPayment(bookingId: string, tx: DbOrTx = db): Promise<BookingPaymentRow | null> {
      const [row] = await tx.select().from(bookingPayments).where(eq(bookingPayments.bookingId, bookingId)).limit(1);
      return row ?? null;
    },
    /** The payment row, locked until the transaction ends: payment steps on one booking run one at a time. */
    async lockPayment(tx: DbOrTx, bookingId: string): Promise<BookingPaymentRow | null> {
      const [row] = await tx
        .select()
        .from(bookingPayments)
        .where(eq(bookingPayments.bookingId, bookingId))
        .for("update")
        .limit(1);
      return row ?? null;
    },
    async findBookingIdByPaymentIntent(paymentIntentId: string, tx: DbOrTx = db): Promise<string | null> {
      const [row] = await tx
        .select({ id: bookingPayments.bookingId })
        .from(bookingPayments)
        .where(eq(bookingPayments.paymentIntentId, paymentIntentId))
        .limit(1);
      return row?.id ?? null;
    },
    /** Updates a locked payment row and bumps its version. */
    async updatePayment(tx: DbOrTx, bookingId: string, values: Partial<NewBookingPayment>): Promise<BookingPaymentRow> {
      const [row] = await tx
        .update(bookingPayments)
        .set({ ...values, version: sql`${bookingPayments.version} + 1` })
        .where(eq(bookingPayments.bookingId, bookingId))
        .returning();
      if (!row) throw new Error("update matched no row");
      return row;
    },
    /** Payments of several bookings (lists), keyed by booking id. */
    async findPayments(bookingIds: string[]): Promise<Map<string, BookingPaymentRow>> {
      if (bookingIds.length === 0) return new Map();
      const rows = await db.select().from(bookingPayments).where(inArray(bookingPayments.bookingId, bookingIds));
      return new Map(rows.map((r) => [r.bookingId, r]));
    },

    // ── Timeline ──
    async addEvent(
      tx: DbOrTx,
      values: {
        bookingId: string;
        kind: string;
        label: string;
        amountCents?: number | null;
        data?: Record<string, unknown>;
        createdAt?: Date;
      },
    ): Promise<void> {
      await tx
        .insert(paymentEvents)
        .values({ ...values, amountCents: values.amountCents ?? null, data: values.data ?? {} });
    },
    async listEvents(bookingId: string) {
      return db
        .select()
        .from(paymentEvents)
        .where(eq(paymentEvents.bookingId, bookingId))
        .orderBy(asc(paymentEvents.createdAt), asc(paymentEvents.id));
    },

    // ── Ledger ──
    /** Writes one balanced ledger transaction (the deferred trigger refuses an unbalanced one at commit). */
    async postLedger(
      tx: DbOrTx,
      entry: {
        bookingId: string | null;
        kind: string;
        createdAt?: Date;
        lines: { account: LedgerAccount; amountCents: number; userId: string | null }[];
      },
    ): Promise<string> {
      const transactionId = newId();
      if (entry.lines.length === 0) return transactionId;
      await tx.insert(ledgerEntries).values(
        entry.lines.map((l) => ({
          transactionId,
          bookingId: entry.bookingId,
          userId: l.userId,
          account: l.account,
          amountCents: l.amountCents,
          kind: entry.kind,
          createdAt: entry.createdAt,
        })),
      );
      return transactionId;
    },
    /** Ledger transactions whose entries do not sum to zero (should always be empty). */
    async ledgerImbalances(): Promise<{ transactionId: string; sum: number }[]> {
      return rowsOf<{ transactionId: string; sum: number }>(
        await db.execute(
          sql`select transaction_id as "transactionId", sum(amount_cents)::int as sum from ${ledgerEntries} group by transaction_id having sum(amount_cents) <> 0`,
        ),
      );
    },

    // ── Credits ──
    /** Serialises credit spending per student (transaction-scoped lock), so a balance is never overspent. */
    async lockCredits(tx: DbOrTx, studentId: string): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`credits:${studentId}`}, 0))`);
    },
    async creditBalance(studentId: string, tx: DbOrTx = db): Promise<number> {
      const [row] = await tx
        .select({ n: sql<number>`coalesce(sum(${creditEntries.amountCents}), 0)::int` })
        .from(creditEntries)
        .where(eq(creditEntries.studentId, studentId));
      return Number(row?.n ?? 0);
    },
    /** Inserts a credit entry; null when this booking already has one of that kind (never twice). */
    async insertCredit(tx: DbOrTx, values: typeof creditEntries.$inferInsert): Promise<CreditEntryRow | null> {
      const [row] = await tx.insert(creditEntries).values(values).onConflictDoNothing().returning();
      return row ?? null;
    },
    async listCredits(studentId: string, limit = 100): Promise<CreditEntryRow[]> {
      return db
        .select()
        .from(creditEntries)
        .where(eq(creditEntries.studentId, studentId))
        .orderBy(desc(creditEntries.createdAt), desc(creditEntries.id))
        .limit(limit);
    },

    // ── Fee tier inputs ──
    async completedLessonsSince(instructorId: string, since: Date, tx: DbOrTx = db): Promise<number> {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(bookings)
        .where(
          and(
            eq(bookings.instructorId, instructorId),
            eq(bookings.status, "completed"),
            gte(bookings.completedAt, since),
          ),
        );
      return Number(row?.n ?? 0);
    },
    async isFounding(instructorId: string, tx: DbOrTx = db): Promise<boolean> {
      const [row] = await tx
        .select({ founding: instructorProfiles.founding })
        .from(instructorProfiles)
        .where(eq(instructorProfiles.userId, instructorId))
        .limit(1);
      return row?.founding ?? false;
    },

    // ── Webhook events ──
    /** Stores an event id once; false when it was already stored. */
    async insertStripeEvent(tx: DbOrTx, values: { id: string; type: string; createdUnix: number }): Promise<boolean> {
      const rows = await tx
        .insert(stripeEvents)
        .values(values)
        .onConflictDoNothing()
        .returning({ id: stripeEvents.id });
      return rows.length === 1;
    },
    async lockStripeEvent(tx: DbOrTx, id: string) {
      const [row] = await tx.select().from(stripeEvents).where(eq(stripeEvents.id, id)).for("update").limit(1);
      return row ?? null;
    },
    async markStripeEventProcessed(tx: DbOrTx, id: string, outcome: string, at: Date): Promise<void> {
      await tx.update(stripeEvents).set({ processedAt: at, outcome }).where(eq(stripeEvents.id, id));
    },

    /** Un-claims an event whose processing failed, so Stripe's retry processes it. */
    async clearStripeEventClaim(tx: DbOrTx, id: string): Promise<void> {
      await tx.update(stripeEvents).set({ processedAt: null, outcome: "failed" }).where(eq(stripeEvents.id, id));
    },

    // ── Views ──
    /** A student's receipts: bookings with a payment, newest lesson first, keyset-paginated. */
    async listReceipts(studentId: string, limit: number, cursor?: { at: Date; id: string }) {
      return db
        .select({
          payment: bookingPayments,
          lessonStartAt: bookings.startAt,
          bookingStatus: bookings.status,
          subjectName: subjects.name,
          instructorFirstName: users.firstName,
          instructorLastName: users.lastName,
        })
        .from(bookingPayments)
        .innerJoin(bookings, eq(bookings.id, bookingPayments.bookingId))
        .innerJoin(instructorServices, eq(instructorServices.id, bookings.serviceId))
        .innerJoin(subjects, eq(subjects.id, instructorServices.subjectId))
        .innerJoin(users, eq(users.id, bookings.instructorId))
        .where(
          and(
            eq(bookingPayments.studentId, studentId),
            cursor
              ? or(lt(bookings.startAt, cursor.at), and(eq(bookings.startAt, cursor.at), lt(bookings.id, cursor.id)))
              : undefined,
          ),
        )
        .orderBy(desc(bookings.startAt), desc(bookings.id))
        .limit(limit);
    },
    /** An instructor's payments with lessons in [from, to), for earnings. */
    async listEarnings(instructorId: string, from: Date, to: Date) {
      return db
        .select({
          payment: bookingPayments,
          lessonStartAt: bookings.startAt,
          lessonEndAt: bookings.endAt,
          bookingStatus: bookings.status,
          subjectName: subjects.name,
          studentFirstName: users.firstName,
          studentLastName: users.lastName,
        })
        .from(bookingPayments)
        .innerJoin(bookings, eq(bookings.id, bookingPayments.bookingId))
        .innerJoin(instructorServices, eq(instructorServices.id, bookings.serviceId))
        .innerJoin(subjects, eq(subjects.id, instructorServices.subjectId))
        .innerJoin(users, eq(users.id, bookings.studentId))
        .where(
          and(eq(bookingPayments.instructorId, instructorId), gte(bookings.startAt, from), lt(bookings.startAt, to)),
        )
        .orderBy(desc(bookings.startAt))
        .limit(1000);
    },
  };
}
export type PaymentRepository = ReturnType<typeof createPaymentRepository>;
