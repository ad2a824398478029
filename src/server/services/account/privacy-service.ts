import type { Runtime } from "~/server/runtime";
import type { Database } from "~/server/db/client";
import type { UserRepository } from "~/server/repositories/users";
import type { AuditRepository } from "~/server/repositories/audit";
import type { PersonalDataRepository } from "~/server/repositories/personal-data";
import type { DataExportRepository } from "~/server/repositories/data-exports";
import type { EventPublisher } from "~/server/events/publisher";
import type { Actor } from "~/server/services/auth/session-service";
import { DomainError, ForbiddenError, NotFoundError, RateLimitedError, ValidationError } from "~/server/errors";
import { hmac, safeEqual, sha256 } from "~/server/auth/crypto";
import { spendSecondFactor } from "~/server/services/auth/auth-service";
import { logger } from "~/server/logger";

/** A ready archive's link works for 24 h, once. */
export const EXPORT_LINK_TTL_HOURS = 24;
/** Exports per user per day (each assembles everything about them). */
export const EXPORT_LIMIT = { name: "data-export", points: 3, durationSeconds: 86_400 };
/** Deletion attempts (each checks a password) per user. */
export const DELETE_LIMIT = { name: "account-delete", points: 5, durationSeconds: 15 * 60 };
export const EXPORT_FORMAT_VERSION = 1;

export type DataExportView = {
  id: string;
  status: "pending" | "ready" | "downloaded" | "failed" | "expired";
  createdAt: Date;
  expiresAt: Date | null;
  /** Signed download path while the archive is ready (works once, for its owner). */
  downloadPath: string | null;
};

type Deps = {
  rt: Runtime;
  db: Database;
  users: UserRepository;
  audit: AuditRepository;
  personalData: PersonalDataRepository;
  exports: DataExportRepository;
  events: EventPublisher;
  /** Cancels a booking as the given party, through the booking service's policy (fees, refunds, notices). */
  cancelBooking: (actor: Actor, bookingId: string) => Promise<unknown>;
  /** The person's customer id at the payment gateway (saved cards, name, email), if they ever saved a card. */
  paymentCustomerOf: (userId: string) => Promise<string | null>;
  now?: () => Date;
};

/** GDPR (PRODUCT.md §1): export everything about me; delete my account (anonymize, keep accounting rows). */
export function createPrivacyService({
  rt,
  db,
  users,
  audit,
  personalData,
  exports,
  events,
  cancelBooking,
  paymentCustomerOf,
  now = () => new Date(),
}: Deps) {
  const sign = (id: string, userId: string, expires: number) =>
    hmac(rt.secret, `data-export:${id}:${userId}:${expires}`);

  function toView(
    r: { id: string; status: string; createdAt: Date; expiresAt: Date | null },
    userId: string,
  ): DataExportView {
    const expired = r.status === "ready" && r.expiresAt !== null && r.expiresAt <= now();
    const ready = r.status === "ready" && !expired && r.expiresAt;
    return {
      id: r.id,
      status: expired ? "expired" : (r.status as DataExportView["status"]),
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      downloadPath: ready
        ? `/api/account/export/${r.id}?expires=${r.expiresAt!.getTime()}&sig=${sign(r.id, userId, r.expiresAt!.getTime())}`
        : null,
    };
  }

  return {
    /** Starts an export job; the archive appears in `listExports` when ready. */
    async requestExport(userId: string): Promise<DataExportView> {
      const r = await rt.limiters(EXPORT_LIMIT).consume(userId);
      if (!r.ok)
        throw new RateLimitedError("You've asked for several exports today. Try again tomorrow.", r.retryAfterSeconds);
      const row = await exports.insert(userId, now());
      await events.publish({
        name: "account/export-requested",
        data: { exportId: row.id, userId },
        id: `export:${row.id}`,
      });
      await audit.record({ actorId: userId, action: "account.export_requested", targetType: "user", targetId: userId });
      return toView(row, userId);
    },

    async listExports(userId: string): Promise<DataExportView[]> {
      return (await exports.listForUser(userId, 5)).map((r) => toView(r, userId));
    },

    /** The job's step: builds the archive of everything about the user and makes it downloadable for 24 h. */
    async assembleExport(exportId: string): Promise<string> {
      const row = await exports.findById(exportId);
      if (!row) return "missing";
      if (row.status !== "pending") return row.status;
      const data = await personalData.collect(row.userId);
      const archive = {
        format: "instainstru-data-export",
        version: EXPORT_FORMAT_VERSION,
        generatedAt: now().toISOString(),
        userId: row.userId,
        ...data,
      };
      await exports.markReady(
        exportId,
        JSON.parse(JSON.stringify(archive)) as Record<string, unknown>,
        new Date(now().getTime() + EXPORT_LINK_TTL_HOURS * 3_600_000),
      );
      return "ready";
    },

    /**
     * The download: the link's signature and expiry, the signed-in owner, and a ready archive, which is handed
     * out once (it is erased as it is taken).
     */
    async downloadExport(
      userId: string,
      input: { exportId: string; expires: number; sig: string },
    ): Promise<{ filename: string; json: string }> {
      const expected = sign(input.exportId, userId, input.expires);
      // A link made for someone else fails the signature check with this user's id: same answer as unknown.
      if (!safeEqual(sha256(expected), sha256(input.sig))) throw new NotFoundError("This download link is not valid.");
      if (input.expires <= now().getTime())
        throw new NotFoundError("This download link has expired. Request a new export.");
      const archive = await exports.take(input.exportId, userId, now());
      if (!archive) throw new NotFoundError("This export was already downloaded or has expired. Request a new one.");
      await audit.record({
        actorId: userId,
        action: "account.export_downloaded",
        targetType: "user",
        targetId: userId,
      });
      return {
        filename: `instainstru-data-${now().toISOString().slice(0, 10)}.json`,
        json: JSON.stringify(archive, null, 2),
      };
    },

    /**
     * Deletes the account: confirmed with the password (and a 2FA code when 2FA is on); future lessons are
     * cancelled through the booking service first (its policy decides fees and refunds); then every table is
     * anonymized in one transaction and all sessions end.
     */
    async deleteAccount(actor: Actor, input: { password: string; code?: string }): Promise<void> {
      const limit = await rt.limiters(DELETE_LIMIT).consume(actor.userId);
      if (!limit.ok) throw new RateLimitedError("Too many attempts. Wait a few minutes.", limit.retryAfterSeconds);
      const user = await users.findById(actor.userId);
      if (!user || user.status === "deleted") throw new NotFoundError("Account not found.");
      if (user.role === "admin") throw new ForbiddenError("Admin accounts are removed by another admin.");
      if (!(await rt.hasher.verify(user.passwordHash, input.password)))
        throw new ValidationError("Your password is not correct.", { password: ["Incorrect password"] });
      if (user.totpEnabledAt && user.totpSecretEnc) {
        const code = input.code?.trim() ?? "";
        if (!code) throw new ValidationError("Enter the code from your authenticator app.", { code: ["Required"] });
        const spent = await spendSecondFactor(rt, users, user, code);
        if (spent !== "totp" && spent !== "backup")
          throw new ValidationError("That code is not valid.", { code: ["Invalid code"] });
      }
      for (const bookingId of await personalData.upcomingBookingIds(user.id, now())) {
        try {
          await cancelBooking(actor, bookingId);
        } catch (error) {
          // A lesson that started meanwhile can't be cancelled; it stays (anonymized) for accounting.
          if (!(error instanceof DomainError)) throw error;
          logger.warn("account deletion: booking not cancelled", { bookingId, error });
        }
      }
      const who = await personalData.identity(user.id);
      if (!who) throw new NotFoundError("Account not found.");
      const customerId = await paymentCustomerOf(user.id);
      await db.transaction((tx) => personalData.anonymize(who, tx));
      await audit.record({ actorId: null, action: "account.deleted", targetType: "user", targetId: user.id });
      // The gateway keeps its own copy (name, email, saved cards): deleted there too, after our commit. A failure
      // here is logged and leaves our side done; the customer id stays on the payment row for a later retry.
      if (customerId)
        await rt.payments.deleteCustomer(customerId).catch((error: unknown) => {
          logger.error("account deletion: payment customer not deleted at the gateway", { customerId, error });
        });
    },
  };
}
export type PrivacyService = ReturnType<typeof createPrivacyService>;
