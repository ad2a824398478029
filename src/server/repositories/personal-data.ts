import { sql } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { rowsOf } from "~/server/db/client";

/**
 * Personal data, table by table: what a GDPR export contains (`collect`) and what account deletion does to each
 * table (`anonymize`). ONE home for both lists: a table or column that can hold personal data goes here. The
 * deletion test sweeps every text/varchar/jsonb column of every table for the deleted person's details, so a
 * column added elsewhere and forgotten here fails it.
 */

type Rows = Record<string, unknown>[];

const q = async (db: DbOrTx, query: ReturnType<typeof sql>): Promise<Rows> =>
  rowsOf<Record<string, unknown>>(await db.execute(query));

/** What identifies the person in free text written by others (names as shown in the product). */
export type Identity = {
  userId: string;
  email: string;
  phone: string | null;
  fullName: string;
  publicName: string;
  firstName: string;
};

export function createPersonalDataRepository(db: DbOrTx) {
  return {
    /** The person as stored (identity strings for scrubbing). */
    async identity(userId: string): Promise<Identity | null> {
      const [u] = await q(db, sql`select id, email, phone, first_name, last_name from users where id = ${userId}`);
      if (!u) return null;
      const first = String(u.first_name);
      const last = String(u.last_name);
      return {
        userId,
        email: String(u.email),
        phone: (u.phone as string | null) ?? null,
        fullName: `${first} ${last}`.trim(),
        publicName: `${first} ${last.slice(0, 1)}.`.trim(),
        firstName: first,
      };
    },

    /** Ids of the person's lessons still ahead (as student or instructor), to cancel before anonymizing. */
    async upcomingBookingIds(userId: string, now: Date): Promise<string[]> {
      const rows = await q(
        db,
        sql`select id from bookings
            where (student_id = ${userId} or instructor_id = ${userId})
              and status in ('pending_payment', 'confirmed') and start_at > ${now.toISOString()}::timestamptz
            order by start_at`,
      );
      return rows.map((r) => String(r.id));
    },

    /**
     * Everything about one person, for the GDPR export: their own rows, and the rows they are a party to (a
     * booking, a conversation) with only the fields that concern them. Never secrets (password hash, TOTP
     * secret, backup codes, token hashes) and never another person's private details.
     */
    async collect(userId: string) {
      const [profile] = await q(
        db,
        sql`select id, email, role, status, first_name, last_name, time_zone, phone, phone_verified_at,
                   email_verified_at, totp_enabled_at is not null as two_factor_enabled, last_login_at, created_at, updated_at
            from users where id = ${userId}`,
      );
      const instructorProfile = await q(
        db,
        sql`select user_id, headline, bio, photo_url, years_experience, languages, time_zone, offers_travel,
                   offers_at_location, offers_online, address_line, neighbourhood_id, background_check, payout_status,
                   buffer_minutes, min_notice_minutes, horizon_days, rating_avg, rating_count, created_at
            from instructor_profiles where user_id = ${userId}`,
      );
      const services = await q(
        db,
        sql`select s.id, sub.name as subject, s.hourly_rate_cents, s.currency, s.durations, s.location_types,
                   s.age_groups, s.levels, s.description, s.is_active, s.created_at
            from instructor_services s join subjects sub on sub.id = s.subject_id where s.instructor_id = ${userId}`,
      );
      const bookings = await q(
        db,
        sql`select b.id, case when b.student_id = ${userId} then 'student' else 'instructor' end as my_role,
                   sub.name as subject, b.start_at, b.end_at, b.status, b.location_type, b.location_details, b.notes,
                   b.price_cents, b.currency, b.cancelled_by, b.cancellation_reason, b.created_at
            from bookings b
            join instructor_services s on s.id = b.service_id join subjects sub on sub.id = s.subject_id
            where b.student_id = ${userId} or b.instructor_id = ${userId} order by b.start_at`,
      );
      const messages = await q(
        db,
        sql`select m.id, m.conversation_id, case when m.sender_id = ${userId} then 'sent' else 'received' end as direction,
                   m.kind, case when m.deleted_at is null then m.body else null end as body, m.edited_at, m.deleted_at,
                   m.created_at
            from messages m join conversations c on c.id = m.conversation_id
            where c.student_id = ${userId} or c.instructor_id = ${userId} order by m.id`,
      );
      const reviews = await q(
        db,
        sql`select id, booking_id, case when student_id = ${userId} then 'written' else 'received' end as direction,
                   rating, body, reply, created_at
            from reviews where student_id = ${userId} or instructor_id = ${userId} order by created_at`,
      );
      const notifications = await q(
        db,
        sql`select id, category, kind, title, body, link, read_at, created_at from notifications
            where user_id = ${userId} order by id`,
      );
      const notificationPreferences = await q(
        db,
        sql`select category, channel, enabled, updated_at from notification_preferences where user_id = ${userId}`,
      );
      const payments = await q(
        db,
        sql`select booking_id, case when student_id = ${userId} then 'paid' else 'earned' end as direction, state,
                   currency, card_brand, card_last4, created_at
            from booking_payments where student_id = ${userId} or instructor_id = ${userId} order by created_at`,
      );
      const credits = await q(
        db,
        sql`select id, booking_id, kind, amount_cents, reason, created_at from credit_entries
            where student_id = ${userId} order by created_at`,
      );
      const searchHistory = await q(
        db,
        sql`select id, query, result_count, created_at from search_events where client_key = ${`u:${userId}`}
            order by created_at`,
      );
      const favourites = await q(
        db,
        sql`select instructor_id, created_at from favourites where student_id = ${userId} order by created_at`,
      );
      const sessions = await q(
        db,
        sql`select id, created_at, last_seen_at, revoked_at, user_agent from sessions where user_id = ${userId}
            order by created_at`,
      );
      return {
        profile: profile ?? null,
        instructorProfile: instructorProfile[0] ?? null,
        services,
        bookings,
        messages,
        reviews,
        notifications,
        notificationPreferences,
        payments,
        credits,
        searchHistory,
        favourites,
        sessions,
      };
    },

    /**
     * Removes the person from every table, in the caller's transaction. Bookings, payments, ledger and credit rows
     * stay (accounting) with the person replaced by an anonymous account; everything personal is erased.
     */
    async anonymize(who: Identity, tx: DbOrTx = db): Promise<void> {
      const id = who.userId;
      const clientKey = `u:${id}`;
      const exec = (query: ReturnType<typeof sql>) => tx.execute(query);

      // users: the row stays (foreign keys of bookings, payments, ledger) as an anonymous, unusable account.
      await exec(sql`update users set email = ${`deleted-${id}@invalid`}, first_name = 'Deleted', last_name = 'user',
                       phone = null, phone_verified_at = null, email_verified_at = null, totp_secret_enc = null,
                       totp_enabled_at = null, password_hash = '!deleted', status = 'deleted',
                       session_version = session_version + 1, last_login_at = null, updated_at = now()
                     where id = ${id}`);
      // Secrets and sign-in records of the account.
      await exec(sql`delete from backup_codes where user_id = ${id}`);
      await exec(sql`delete from phone_verifications where user_id = ${id}`);
      await exec(sql`delete from account_tokens where user_id = ${id}`);
      await exec(sql`delete from sessions where user_id = ${id}`);
      await exec(sql`delete from idempotency_keys where user_id = ${id}`);
      await exec(sql`delete from data_exports where user_id = ${id}`);
      // Instructor side: the profile is emptied and unlisted; services hidden; the search index forgets them.
      await exec(sql`update instructor_profiles set headline = '', bio = '', photo_url = null, languages = '{}',
                       address_line = null, address_lat = null, address_lng = null, public_lat = null, public_lng = null,
                       background_check_ref = null, updated_at = now()
                     where user_id = ${id}`);
      await exec(sql`update instructor_services set description = '', is_active = false where instructor_id = ${id}`);
      await exec(sql`delete from search_documents where instructor_id = ${id}`);
      await exec(sql`delete from instructor_service_areas where instructor_id = ${id}`);
      await exec(sql`delete from favourites where student_id = ${id} or instructor_id = ${id}`);
      // Bookings stay for accounting; their free text (notes, where to meet) goes.
      await exec(sql`update bookings set notes = '', location_details = '', cancellation_reason = case
                       when cancellation_reason is null then null else '[deleted]' end
                     where student_id = ${id} or instructor_id = ${id}`);
      // Reviews they wrote and replies they gave.
      await exec(sql`update reviews set body = '[deleted]' where student_id = ${id}`);
      await exec(sql`update reviews set reply = null where instructor_id = ${id} and reply is not null`);
      // Messages they sent; their reactions; the live-stream log of their conversations (it copies bodies).
      await exec(sql`update messages set body = '[deleted]', masked = false where sender_id = ${id}`);
      await exec(sql`delete from message_reactions where user_id = ${id}`);
      await exec(sql`delete from conversation_events where conversation_id in
                       (select c.id from conversations c where c.student_id = ${id} or c.instructor_id = ${id})`);
      // Notifications, their delivery records and preferences. (An SMS STOP stays on the number's suppression list:
      // carriers attach opt-outs to the number, and sending to it again would break that.)
      await exec(sql`delete from notifications where user_id = ${id}`);
      await exec(sql`delete from notification_deliveries where user_id = ${id}`);
      await exec(sql`delete from notification_preferences where user_id = ${id}`);
      // Search history: the query text and location phrase, and the link to the person.
      await exec(sql`update search_events set query = '[deleted]', normalised = '[deleted]', parsed = '{}'::jsonb,
                       location_term = null, client_key = null, ip_hash = null
                     where client_key = ${clientKey}`);
      await exec(sql`update search_clicks set client_key = null, ip_hash = null, location_term = null
                     where client_key = ${clientKey}`);
      // Audit rows stay (accountability) without the network fingerprint.
      await exec(sql`update audit_log set ip_hash = null where actor_id = ${id} or target_id = ${id}`);
      // Reports they filed keep their outcome but not their words.
      await exec(sql`update content_reports set reason = '[deleted]' where reporter_id = ${id}`);
      // Mail and SMS the local adapters recorded for them.
      await exec(sql`delete from outbox where lower(recipient) = lower(${who.email})
                       or (${who.phone}::text is not null and recipient = ${who.phone})`);

      // Other people's copies of the name: notifications, mail and system messages that quoted it, and messages
      // in conversations with them (a greeting by first name).
      const names = [who.fullName, who.publicName].filter((n) => n.length >= 3);
      for (const name of names) {
        await exec(sql`update notifications set title = replace(title, ${name}, 'a former user'),
                         body = replace(body, ${name}, 'a former user')
                       where strpos(title, ${name}) > 0 or strpos(body, ${name}) > 0`);
        await exec(sql`update outbox set body = replace(body, ${name}, 'a former user'),
                         subject = replace(subject, ${name}, 'a former user')
                       where strpos(body, ${name}) > 0 or strpos(coalesce(subject, ''), ${name}) > 0`);
      }
      // Copies inside JSON written by the system: stored background-step results (a notification step returns
      // the names it wrote) and the local payment gateway's customer objects (name, email). With Stripe the
      // customer lives at Stripe; the gateway port is where its redaction would go.
      const jsonNeedles = [who.email, who.fullName, who.publicName, who.firstName]
        .filter((n) => n.length >= 3)
        .map((n) => JSON.stringify(n).slice(1, -1));
      for (const needle of jsonNeedles) {
        await exec(sql`update job_steps set output = replace(output::text, ${needle}, '[deleted]')::jsonb
                       where strpos(output::text, ${needle}) > 0`);
        await exec(sql`update job_runs set output = replace(output::text, ${needle}, '[deleted]')::jsonb
                       where strpos(output::text, ${needle}) > 0`);
        await exec(sql`update local_gateway_objects set data = replace(data::text, ${needle}, '[deleted]')::jsonb
                       where strpos(data::text, ${needle}) > 0`);
      }
      const lastName = who.fullName.slice(who.firstName.length).trim();
      if (lastName.length >= 3) {
        const needle = JSON.stringify(lastName).slice(1, -1);
        await exec(sql`update local_gateway_objects set data = replace(data::text, ${needle}, '[deleted]')::jsonb
                       where strpos(data::text, ${needle}) > 0`);
      }
      // Mail to the people they had lessons or conversations with greets or names them by first name.
      if (who.firstName.length >= 3)
        await exec(sql`update outbox set body = replace(body, ${who.firstName}, 'a former user'),
                         subject = replace(subject, ${who.firstName}, 'a former user')
                       where (strpos(body, ${who.firstName}) > 0 or strpos(coalesce(subject, ''), ${who.firstName}) > 0)
                         and lower(recipient) in (
                           select lower(u.email) from users u where u.id in (
                             select b.student_id from bookings b where b.instructor_id = ${id}
                             union select b.instructor_id from bookings b where b.student_id = ${id}
                             union select c.student_id from conversations c where c.instructor_id = ${id}
                             union select c.instructor_id from conversations c where c.student_id = ${id}))`);
      for (const name of [...names, who.firstName, who.email].filter((n) => n.length >= 3)) {
        await exec(sql`update messages set body = replace(body, ${name}, '[deleted]')
                       where strpos(body, ${name}) > 0 and conversation_id in
                         (select c.id from conversations c where c.student_id = ${id} or c.instructor_id = ${id})`);
      }
    },
  };
}
export type PersonalDataRepository = ReturnType<typeof createPersonalDataRepository>;
