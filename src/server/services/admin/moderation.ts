import type { Database, DbOrTx } from "~/server/db/client";
import type { ReportStatus, ReportTarget } from "~/server/db/schema";
import type { ConversationRepository } from "~/server/repositories/conversations";
import type { ModerationRepository } from "~/server/repositories/moderation";
import type { RateLimiterFactory } from "~/server/kv/rate-limit";
import type { Actor } from "~/server/services/auth/session-service";
import type { MessagingService } from "~/server/services/messaging/messaging-service";
import type { NotificationService } from "~/server/services/notifications/notifications-service";
import { ConflictError, NotFoundError, RateLimitedError, ValidationError } from "~/server/errors";
import type { AdminAuditWriter, AdminCall } from "./audit-entry";

/** Reports a user may file per hour (a report is cheap to send and costs a moderator's time). */
export const REPORT_LIMIT = { name: "reports", points: 20, durationSeconds: 3600 };

export const MODERATION_ACTIONS = ["hide", "dismiss", "warn", "suspend"] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];
const STATUS_OF: Record<ModerationAction, ReportStatus> = {
  hide: "hidden",
  dismiss: "dismissed",
  warn: "warned",
  suspend: "suspended",
};

/**
 * Moderation (PRODUCT.md §9): users report messages (of their own conversations) and published reviews; admins
 * work the queue — hide the thing, dismiss the report, warn or suspend the author. Every decision closes all open
 * reports of the thing and writes one audit row, in one transaction.
 */
export function createModeration(deps: {
  db: Database;
  repo: ModerationRepository;
  conversations: ConversationRepository;
  messaging: MessagingService;
  notifications: NotificationService;
  limiters: RateLimiterFactory;
  audit: AdminAuditWriter;
  /** The users console's suspension (status, sessions revoked, live streams closed; it writes the audit row). */
  suspendUser: (call: AdminCall, input: { userId: string; reason: string }) => Promise<unknown>;
  now: () => Date;
}) {
  const { db, repo, audit, now } = deps;

  async function limit(userId: string) {
    const r = await deps.limiters(REPORT_LIMIT).consume(userId);
    if (!r.ok) throw new RateLimitedError("You've sent a lot of reports. Please try again later.", r.retryAfterSeconds);
  }

  async function file(
    actor: Actor,
    target: { type: ReportTarget; id: string; authorId: string | null },
    reason: string,
  ) {
    if (target.authorId === actor.userId) throw new ValidationError("You can't report your own writing.", {});
    await limit(actor.userId);
    const row = await repo.insertReport({
      targetType: target.type,
      targetId: target.id,
      reporterId: actor.userId,
      authorId: target.authorId,
      reason,
    });
    // Reported before: the same report stands (one per person and thing).
    const stored = row ?? (await repo.findReportBy(target.type, target.id, actor.userId));
    return { reportId: stored!.id, status: stored!.status };
  }

  return {
    /** A participant reports a message of their own conversation; NOT_FOUND for anyone else (no hint it exists). */
    async reportMessage(actor: Actor, input: { messageId: string; reason: string }) {
      const msg = await deps.conversations.findMessage(input.messageId);
      const conv = msg ? await deps.conversations.findById(msg.conversationId) : null;
      if (!msg || !conv || (conv.studentId !== actor.userId && conv.instructorId !== actor.userId))
        throw new NotFoundError("Message not found.");
      if (msg.kind !== "user" || msg.deletedAt) throw new ConflictError("This message can't be reported.");
      return file(actor, { type: "message", id: msg.id, authorId: msg.senderId }, input.reason);
    },

    /** Anyone signed in reports a published review (a hidden one is NOT_FOUND, as on the profile). */
    async reportReview(actor: Actor, input: { reviewId: string; reason: string }) {
      const review = await repo.findReview(input.reviewId);
      if (!review || (await repo.hiddenAmong("review", [review.id])).has(review.id))
        throw new NotFoundError("Review not found.");
      return file(actor, { type: "review", id: review.id, authorId: review.studentId }, input.reason);
    },

    /** The queue: open reports first, newest first, with the reported text and who is involved. */
    async queue(input: { status?: ReportStatus; page: number; pageSize: number }) {
      const { rows, total } = await repo.listReports({
        status: input.status,
        offset: (input.page - 1) * input.pageSize,
        limit: input.pageSize,
      });
      return {
        items: rows.map((r) => ({
          id: r.report.id,
          targetType: r.report.targetType,
          targetId: r.report.targetId,
          reason: r.report.reason,
          status: r.report.status,
          createdAt: r.report.createdAt,
          resolvedAt: r.report.resolvedAt,
          reporterName: r.reporterName,
          authorId: r.report.authorId,
          authorName: r.authorName,
          authorStatus: r.authorStatus,
          content: r.report.targetType === "message" ? (r.messageBody ?? null) : (r.reviewBody ?? null),
          rating: r.reviewRating ?? null,
          hidden: Boolean(r.hidden),
        })),
        total,
        page: input.page,
        pageSize: input.pageSize,
      };
    },

    /**
     * Decides a report: `hide` the message (both participants then see "Message removed by moderator") or review
     * (left out of the profile), `dismiss` it, `warn` the author (a notification), or `suspend` the author.
     * CONFLICT when the report was already decided.
     */
    async resolve(call: AdminCall, input: { reportId: string; action: ModerationAction; note: string }) {
      const report = await repo.findReport(input.reportId);
      if (!report) throw new NotFoundError("Report not found.");
      const status = STATUS_OF[input.action];
      if (report.status !== "open") throw new ConflictError("This report was already decided.");
      // Suspension goes through the users console, whose audit row is this decision's one row (it names the
      // report); an author who is already suspended changes nothing there, so this decision records its own row.
      let suspendedByUsers = false;
      if (input.action === "suspend") {
        if (!report.authorId) throw new ConflictError("The author's account no longer exists.");
        const author = await repo.findUserStatus(report.authorId);
        if (author?.status === "active") {
          await deps.suspendUser(call, {
            userId: report.authorId,
            reason: `Report ${report.id} (${report.targetType}): ${input.note || report.reason}`.slice(0, 500),
          });
          suspendedByUsers = true;
        }
      }

      const decide = async (tx: DbOrTx) => {
        const locked = await repo.findReport(report.id, tx, true);
        if (!locked || locked.status !== "open") throw new ConflictError("This report was already decided.");
        const target = { targetType: locked.targetType, targetId: locked.targetId };
        let authorBefore: string | null = null;
        if (input.action === "hide")
          await repo.hide(tx, {
            kind: locked.targetType,
            targetId: locked.targetId,
            hiddenBy: call.actor.userId,
            reason: input.note || locked.reason,
          });
        if (input.action === "warn") {
          if (!locked.authorId) throw new ConflictError("The author's account no longer exists.");
          authorBefore = (await repo.findUserStatus(locked.authorId, tx))?.status ?? null;
        }
        const closed = await deps.repo.resolveReports(tx, target, status, call.actor.userId, now());
        if (suspendedByUsers) return { reportId: locked.id, status, reportsClosed: closed };
        if (input.action === "suspend") authorBefore = "suspended";
        await audit(
          call,
          {
            action: `admin.moderation.${input.action}`,
            targetType: locked.targetType,
            targetId: locked.targetId,
            before: {
              report: "open",
              ...(input.action === "hide" ? { visible: true } : {}),
              ...(authorBefore ? { authorStatus: authorBefore } : {}),
            },
            after: {
              report: status,
              ...(input.action === "hide" ? { visible: false } : {}),
              ...(input.action === "suspend" ? { authorStatus: "suspended" } : {}),
              ...(input.action === "warn" ? { authorStatus: authorBefore } : {}),
            },
            note: input.note,
            extra: { reportId: locked.id, authorId: locked.authorId, reportsClosed: closed },
          },
          tx,
        );
        return { reportId: locked.id, status, reportsClosed: closed };
      };

      // A message is hidden inside the messaging service's transaction (the thread event and our records commit together).
      const result =
        input.action === "hide" && report.targetType === "message"
          ? (await deps.messaging.removeByModerator(report.targetId, (tx) => decide(tx))).result
          : await db.transaction((tx) => decide(tx));

      if (input.action === "warn" && report.authorId)
        await deps.notifications.notify({
          userId: report.authorId,
          category: "security",
          kind: "moderation.warning",
          title: "A moderator reviewed something you wrote",
          body: `Your ${report.targetType} was reported and breaks our community guidelines. ${input.note}`.trim(),
          dedupeKey: `moderation-warning:${report.id}`,
        });
      return result;
    },
  };
}
export type Moderation = ReturnType<typeof createModeration>;
