import type { Database } from "~/server/db/client";
import { PIPELINE_BUCKETS, type AdminOpsRepository, type PipelineBucket } from "~/server/repositories/admin-ops";
import type { Payments } from "~/server/services/payments";
import { ConflictError, NotFoundError } from "~/server/errors";
import type { AdminAuditWriter, AdminCall } from "./audit-entry";

/** One line of the reconciliation: the ledger's figure beside the same money recounted from the payment rows. */
export type ReconciliationLine = { label: string; ledgerCents: number; recountCents: number; matches: boolean };

/** Admin console — the payments pipeline: counts and lists per state, retries, and the ledger reconciliation. */
export function createAdminPayments(deps: {
  db: Database;
  repo: AdminOpsRepository;
  payments: Payments;
  audit: AdminAuditWriter;
}) {
  const { repo, payments, audit } = deps;

  return {
    /** How many payments are in each bucket of the pipeline. */
    async counts(): Promise<Record<PipelineBucket, number>> {
      return repo.pipelineCounts();
    },

    /** A page of payments in one bucket, most recently changed first. */
    async list(input: { bucket: PipelineBucket; page: number; pageSize: number }) {
      const rows = await repo.pipelineList(input.bucket, (input.page - 1) * input.pageSize, input.pageSize + 1);
      return {
        items: rows.slice(0, input.pageSize).map((r) => ({
          bookingId: r.payment.bookingId,
          state: r.payment.state,
          bookingStatus: r.bookingStatus,
          startAt: r.startAt,
          studentName: r.studentName,
          instructorName: r.instructorName,
          lessonPriceCents: r.payment.lessonPriceCents,
          capturedCents: r.payment.capturedCents,
          refundedCents: r.payment.refundedCents,
          attempts: r.payment.attempts,
          lastError: r.payment.lastError,
          updatedAt: r.payment.updatedAt,
        })),
        hasMore: rows.length > input.pageSize,
        page: input.page,
        pageSize: input.pageSize,
      };
    },

    /**
     * Ledger sums per account beside a recount from the payment rows (card captured = student_card debits; card
     * refunded = refunds credits; credits used net of restores = student_credit), plus the double-entry checks
     * (everything sums to zero, no transaction is unbalanced). `reconciled` when every line matches.
     */
    async reconciliation() {
      const [ledger, recount] = await Promise.all([repo.ledgerTotals(), repo.paymentRecount()]);
      const sum = (account: string) => Number(ledger.byAccount.find((a) => a.account === account)?.cents ?? 0);
      const grandTotal = ledger.byAccount.reduce((n, a) => n + Number(a.cents), 0);
      const lines: ReconciliationLine[] = [
        { label: "Card captured", ledgerCents: sum("student_card"), recountCents: Number(recount.cardCaptured) },
        { label: "Card refunded", ledgerCents: 0 - sum("refunds") || 0, recountCents: Number(recount.cardRefunded) },
        { label: "Credits used (net)", ledgerCents: sum("student_credit"), recountCents: Number(recount.creditNet) },
        { label: "Ledger grand total", ledgerCents: grandTotal, recountCents: 0 },
        {
          label: "Unbalanced transactions",
          ledgerCents: ledger.unbalancedTransactions,
          recountCents: 0,
        },
      ].map((l) => ({ ...l, matches: l.ledgerCents === l.recountCents }));
      return {
        accounts: ledger.byAccount.map((a) => ({ account: a.account, cents: Number(a.cents) })),
        lines,
        reconciled: lines.every((l) => l.matches),
      };
    },

    /**
     * Tries a failed payment step again now: a declined or unreachable authorization is authorized again; a
     * capture that failed (still authorized, with an error) is captured. Anything else is CONFLICT.
     */
    async retry(call: AdminCall, input: { bookingId: string }) {
      const before = await payments.flow.paymentOf(input.bookingId);
      if (!before) throw new NotFoundError("Payment not found.");
      let outcome: string;
      let message: string | null = null;
      if (before.state === "auth_failed" || (before.state === "scheduled" && before.lastError)) {
        const r = await payments.flow.authorize(input.bookingId, { force: true });
        outcome = r.outcome;
        if (r.outcome === "failed") message = r.message;
      } else if (before.state === "authorized" && before.lastError) {
        try {
          outcome = (await payments.flow.captureDue(input.bookingId)).outcome;
        } catch {
          outcome = "failed";
          message = (await payments.flow.paymentOf(input.bookingId))?.lastError ?? "The capture failed again.";
        }
      } else {
        throw new ConflictError(`This payment is ${before.state.replace("_", " ")}; there is no failed step to retry.`);
      }
      const after = await payments.flow.paymentOf(input.bookingId);
      await audit(call, {
        action: "admin.payment.retry",
        targetType: "booking",
        targetId: input.bookingId,
        before: { state: before.state, lastError: before.lastError, capturedCents: before.capturedCents },
        after: {
          state: after?.state ?? null,
          lastError: after?.lastError ?? null,
          capturedCents: after?.capturedCents ?? 0,
        },
        extra: { outcome },
      });
      return { bookingId: input.bookingId, outcome, state: after?.state ?? before.state, message };
    },

    buckets: PIPELINE_BUCKETS,
  };
}
export type AdminPayments = ReturnType<typeof createAdminPayments>;
