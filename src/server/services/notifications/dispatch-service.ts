import { createHash } from "node:crypto";
import { hmac, safeEqual } from "~/server/auth/crypto";
import { NOTIFICATION_CATEGORIES, type NotificationCategory } from "~/server/db/schema";
import type { EmailAttachment, EmailSender } from "~/server/integrations/email";
import type { SmsSender } from "~/server/integrations/sms";
import type { NotificationDeliveryRepository } from "~/server/repositories/notification-deliveries";
import type { UserRepository } from "~/server/repositories/users";
import { ValidationError } from "~/server/errors";
import { logger } from "~/server/logger";
import { absoluteUrl, renderEmail, type EmailTemplate } from "./email/render";
import type { NotificationService } from "./notifications-service";

/** Where the footer link of every non-critical email lands. */
export const PREFERENCES_PATH = "/account/notifications";
/** RFC 8058 one-click unsubscribe endpoint (List-Unsubscribe-Post). */
export const ONE_CLICK_UNSUBSCRIBE_PATH = "/api/notifications/unsubscribe";
const SMS_MAX_CHARS = 320;

export type DispatchInput<P> = {
  userId: string;
  category: NotificationCategory;
  /** Machine-readable kind, e.g. "booking.created". */
  kind: string;
  /**
   * Unique per notification and user (e.g. "booking/created:<bookingId>"): each channel sends at most once per
   * key, however often the calling step is retried.
   */
  key: string;
  inApp?: { title: string; body?: string; link?: string | null };
  email?: { template: EmailTemplate<P>; props: P; attachments?: EmailAttachment[] };
  sms?: { text: string };
};

export type ChannelOutcome =
  "sent" | "duplicate" | "opted_out" | "no_verified_phone" | "stopped" | "inactive_user" | "not_requested";
export type DispatchResult = { inApp: ChannelOutcome; email: ChannelOutcome; sms: ChannelOutcome };

type Deps = {
  notifications: NotificationService;
  deliveries: NotificationDeliveryRepository;
  users: UserRepository;
  email: EmailSender;
  sms: SmsSender;
  appUrl: string;
  /** Signs unsubscribe links. */
  secret: string;
  now?: () => Date;
};

/** Provider idempotency keys stay short (Resend allows 256 chars) and reveal nothing. */
const providerKey = (userId: string, channel: string, key: string) =>
  `notif:${createHash("sha256").update(`${userId}|${channel}|${key}`).digest("hex").slice(0, 40)}`;

/**
 * The one place that decides what reaches whom (PRODUCT.md §8): preferences per category × channel (security
 * notices ignore them), email only to active accounts, SMS only to a verified number that has not replied STOP,
 * and one send per (user, channel, key) — the key is claimed in the database before the provider call, and the
 * provider call carries an idempotency key derived from it, so a retried step never sends twice.
 */
export function createDispatchService(deps: Deps) {
  const now = deps.now ?? (() => new Date());
  const sign = (payload: string) => hmac(deps.secret, `unsubscribe:${payload}`);

  /** A signed token naming a user and an email category (no expiry: old mails' links keep working). */
  function unsubscribeToken(userId: string, category: NotificationCategory): string {
    return `${userId}.${category}.${sign(`${userId}.${category}`)}`;
  }

  function verifyUnsubscribeToken(token: string): { userId: string; category: NotificationCategory } | null {
    const [userId, category, sig] = token.split(".");
    if (!userId || !category || !sig) return null;
    if (!(NOTIFICATION_CATEGORIES as readonly string[]).includes(category)) return null;
    if (!safeEqual(sig, sign(`${userId}.${category}`))) return null;
    return { userId, category: category as NotificationCategory };
  }

  async function once(
    userId: string,
    channel: "email" | "sms",
    key: string,
    kind: string,
    send: (idempotencyKey: string) => Promise<{ id: string }>,
  ): Promise<ChannelOutcome> {
    const { row, claimed } = await deps.deliveries.claim({ userId, channel, deliveryKey: key, kind });
    // A `pending` row someone else claimed may be mid-send; it was ours if a crash interrupted us: either way
    // sending again with the same provider key is safe for a provider that dedupes (Resend), and the outbox.
    if (!claimed && row.status === "sent") return "duplicate";
    const r = await send(providerKey(userId, channel, key));
    await deps.deliveries.markSent(row.id, r.id, now());
    return "sent";
  }

  return {
    unsubscribeToken,
    verifyUnsubscribeToken,

    /** The footer link of a non-critical email about `category`: the preferences page, signed for one click. */
    preferencesUrl(userId: string, category: NotificationCategory): string {
      return absoluteUrl(deps.appUrl, `${PREFERENCES_PATH}?token=${unsubscribeToken(userId, category)}`);
    },

    /**
     * One click from an email (footer button or the List-Unsubscribe-Post request): turns off email for the
     * token's category. Security notices can't be turned off.
     */
    async unsubscribe(token: string): Promise<{ category: NotificationCategory }> {
      const t = verifyUnsubscribeToken(token);
      if (!t) throw new ValidationError("This unsubscribe link is not valid.", { token: ["Invalid"] });
      await deps.notifications.setPreference(t.userId, t.category, "email", false);
      return { category: t.category };
    },

    /** Delivers one notification on every requested channel the rules allow (see the service's doc). */
    async send<P>(input: DispatchInput<P>): Promise<DispatchResult> {
      const result: DispatchResult = { inApp: "not_requested", email: "not_requested", sms: "not_requested" };
      const user = await deps.users.findById(input.userId);
      if (!user || user.status === "deleted")
        return { inApp: "inactive_user", email: "inactive_user", sms: "inactive_user" };
      const security = input.category === "security";

      if (input.inApp) {
        const view = await deps.notifications.notify({
          userId: input.userId,
          category: input.category,
          kind: input.kind,
          title: input.inApp.title,
          body: input.inApp.body,
          link: input.inApp.link ?? null,
          dedupeKey: input.key.slice(0, 300),
        });
        result.inApp = view
          ? "sent"
          : (await deps.notifications.isEnabled(input.userId, input.category, "in_app"))
            ? "duplicate"
            : "opted_out";
      }

      // A suspended account still hears about its security; nothing else goes out by email or SMS.
      const reachable = user.status === "active" || security;

      if (input.email) {
        const email = input.email;
        if (!reachable) result.email = "inactive_user";
        else if (!(await deps.notifications.isEnabled(input.userId, input.category, "email")))
          result.email = "opted_out";
        else {
          const critical = security || email.template.critical === true;
          const token = critical ? null : unsubscribeToken(input.userId, input.category);
          const rendered = await renderEmail(email.template, email.props, {
            appUrl: deps.appUrl,
            preferencesUrl: token ? absoluteUrl(deps.appUrl, `${PREFERENCES_PATH}?token=${token}`) : null,
          });
          result.email = await once(input.userId, "email", input.key, email.template.id, (idempotencyKey) =>
            deps.email.send({
              to: user.email,
              ...rendered,
              idempotencyKey,
              attachments: email.attachments,
              headers: token
                ? {
                    "List-Unsubscribe": `<${absoluteUrl(deps.appUrl, `${ONE_CLICK_UNSUBSCRIBE_PATH}?token=${token}`)}>`,
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                  }
                : undefined,
            }),
          );
        }
      }

      if (input.sms) {
        const sms = input.sms;
        if (!reachable) result.sms = "inactive_user";
        else if (!(await deps.notifications.isEnabled(input.userId, input.category, "sms"))) result.sms = "opted_out";
        else if (!user.phone || !user.phoneVerifiedAt) result.sms = "no_verified_phone";
        else if (await deps.deliveries.isOptedOut(user.phone)) result.sms = "stopped";
        else {
          const phone = user.phone;
          result.sms = await once(input.userId, "sms", input.key, input.kind, () =>
            deps.sms.send(phone, `InstaInstru: ${sms.text}`.slice(0, SMS_MAX_CHARS)),
          );
        }
      }
      logger.info("notification dispatched", { kind: input.kind, userId: input.userId, ...result });
      return result;
    },

    /**
     * An inbound SMS from Twilio (already signature-checked): STOP-family keywords record the opt-out,
     * START-family keywords lift it. Returns what happened.
     */
    async recordInboundSms(input: { from: string; body: string }): Promise<"opted_out" | "opted_in" | "ignored"> {
      const word = input.body.trim().toUpperCase();
      if (!/^\+[1-9][0-9]{6,14}$/.test(input.from)) return "ignored";
      if (STOP_WORDS.has(word)) {
        await deps.deliveries.optOut(input.from, word, now());
        return "opted_out";
      }
      if (START_WORDS.has(word)) {
        await deps.deliveries.optIn(input.from);
        return "opted_in";
      }
      return "ignored";
    },
  };
}
export type DispatchService = ReturnType<typeof createDispatchService>;

/** Twilio's standard opt-out and opt-in keywords. */
const STOP_WORDS = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"]);
const START_WORDS = new Set(["START", "UNSTOP", "YES"]);
