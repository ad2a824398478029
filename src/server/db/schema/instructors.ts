import { sql } from "drizzle-orm";
import { boolean, check, doublePrecision, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { bytea, idColumn, timestamps, tstz } from "./_columns";
import { regions, subjects } from "./catalog";
import { users } from "./users";

export const BACKGROUND_CHECK = ["pending", "passed", "failed"] as const;
export const PAYOUT_STATUS = ["not_started", "pending", "active"] as const;
export const LOCATION_TYPES = ["student_location", "instructor_location", "online", "neutral_location"] as const;
export const AGE_GROUPS = ["kids", "teens", "adults"] as const;
export const LEVELS = ["beginner", "intermediate", "advanced"] as const;
export const DURATIONS = [30, 45, 60, 90] as const;

export const instructorProfiles = pgTable(
  "instructor_profiles",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    headline: text("headline").notNull().default(""),
    bio: text("bio").notNull().default(""),
    photoUrl: text("photo_url"),
    yearsExperience: integer("years_experience").notNull().default(0),
    languages: text("languages")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    timeZone: text("time_zone").notNull().default("America/New_York"),
    offersTravel: boolean("offers_travel").notNull().default(false),
    offersAtLocation: boolean("offers_at_location").notNull().default(false),
    offersOnline: boolean("offers_online").notNull().default(false),
    /** Private: never leaves the server in a public view. */
    addressLine: text("address_line"),
    addressLat: doublePrecision("address_lat"),
    addressLng: doublePrecision("address_lng"),
    /** Public: the address jittered 25–50 m with a cryptographic RNG, computed once when the address is set. */
    publicLat: doublePrecision("public_lat"),
    publicLng: doublePrecision("public_lng"),
    neighbourhoodId: text("neighbourhood_id").references(() => regions.id),
    backgroundCheck: text("background_check", { enum: BACKGROUND_CHECK }).notNull().default("pending"),
    /** The background-check provider's reference of the running/last check; null until one is started. */
    backgroundCheckRef: text("background_check_ref"),
    payoutStatus: text("payout_status", { enum: PAYOUT_STATUS }).notNull().default("not_started"),
    founding: boolean("founding").notNull().default(false),
    bufferMinutes: integer("buffer_minutes").notNull().default(15),
    minNoticeMinutes: integer("min_notice_minutes").notNull().default(120),
    horizonDays: integer("horizon_days").notNull().default(90),
    ratingAvg: doublePrecision("rating_avg").notNull().default(0),
    ratingCount: integer("rating_count").notNull().default(0),
    ...timestamps,
  },
  (t) => [
    check("instructor_bg_ck", sql`${t.backgroundCheck} in ('pending','passed','failed')`),
    check("instructor_payout_ck", sql`${t.payoutStatus} in ('not_started','pending','active')`),
    check("instructor_buffer_ck", sql`${t.bufferMinutes} between 0 and 120`),
    check("instructor_notice_ck", sql`${t.minNoticeMinutes} between 0 and 10080`),
    check("instructor_horizon_ck", sql`${t.horizonDays} between 1 and 365`),
    index("instructor_profiles_neighbourhood_idx").on(t.neighbourhoodId),
  ],
);

export const instructorServiceAreas = pgTable(
  "instructor_service_areas",
  {
    instructorId: text("instructor_id")
      .notNull()
      .references(() => instructorProfiles.userId, { onDelete: "cascade" }),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
  },
  (t) => [primaryKey({ columns: [t.instructorId, t.regionId] }), index("service_areas_region_idx").on(t.regionId)],
);

export const instructorServices = pgTable(
  "instructor_services",
  {
    id: idColumn(),
    instructorId: text("instructor_id")
      .notNull()
      .references(() => instructorProfiles.userId, { onDelete: "cascade" }),
    subjectId: text("subject_id")
      .notNull()
      .references(() => subjects.id),
    hourlyRateCents: integer("hourly_rate_cents").notNull(),
    currency: text("currency").notNull().default("USD"),
    durations: integer("durations").array().notNull(),
    locationTypes: text("location_types").array().notNull(),
    ageGroups: text("age_groups").array().notNull(),
    levels: text("levels").array().notNull(),
    description: text("description").notNull().default(""),
    isActive: boolean("is_active").notNull().default(true),
    ...timestamps,
  },
  (t) => [
    check("service_rate_ck", sql`${t.hourlyRateCents} between 500 and 100000`),
    check("service_currency_ck", sql`${t.currency} = 'USD'`),
    check("service_durations_ck", sql`cardinality(${t.durations}) > 0 and ${t.durations} <@ array[30,45,60,90]`),
    check(
      "service_location_types_ck",
      sql`cardinality(${t.locationTypes}) > 0 and ${t.locationTypes} <@ array['student_location','instructor_location','online','neutral_location']::text[]`,
    ),
    index("instructor_services_instructor_idx").on(t.instructorId),
    index("instructor_services_subject_idx").on(t.subjectId),
  ],
);

/** One row per instructor per local date: a 1440-bit (180-byte) bitmap, one bit per minute of the local day. */
export const availabilityDays = pgTable(
  "availability_days",
  {
    instructorId: text("instructor_id")
      .notNull()
      .references(() => instructorProfiles.userId, { onDelete: "cascade" }),
    localDate: text("local_date").notNull(),
    bits: bytea("bits").notNull(),
    updatedAt: timestamps.updatedAt,
  },
  (t) => [
    primaryKey({ columns: [t.instructorId, t.localDate] }),
    check("availability_days_date_ck", sql`${t.localDate} ~ '^\\d{4}-\\d{2}-\\d{2}$'`),
    check("availability_days_len_ck", sql`octet_length(${t.bits}) = 180`),
  ],
);

/** Optimistic-concurrency version of an instructor's week (weeks start Monday, local date). */
export const availabilityWeeks = pgTable(
  "availability_weeks",
  {
    instructorId: text("instructor_id")
      .notNull()
      .references(() => instructorProfiles.userId, { onDelete: "cascade" }),
    weekStart: text("week_start").notNull(),
    version: integer("version").notNull().default(0),
    updatedAt: timestamps.updatedAt,
  },
  (t) => [primaryKey({ columns: [t.instructorId, t.weekStart] })],
);

export const availabilityBlackouts = pgTable(
  "availability_blackouts",
  {
    instructorId: text("instructor_id")
      .notNull()
      .references(() => instructorProfiles.userId, { onDelete: "cascade" }),
    localDate: text("local_date").notNull(),
    reason: text("reason").notNull().default(""),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.instructorId, t.localDate] })],
);

/** Repeating weekly pattern: weekday 1 (Mon) … 7 (Sun), applied to dates with no explicit row. */
export const availabilityPatterns = pgTable(
  "availability_patterns",
  {
    instructorId: text("instructor_id")
      .notNull()
      .references(() => instructorProfiles.userId, { onDelete: "cascade" }),
    weekday: integer("weekday").notNull(),
    bits: bytea("bits").notNull(),
    updatedAt: timestamps.updatedAt,
  },
  (t) => [
    primaryKey({ columns: [t.instructorId, t.weekday] }),
    check("availability_patterns_weekday_ck", sql`${t.weekday} between 1 and 7`),
  ],
);

export const favourites = pgTable(
  "favourites",
  {
    studentId: text("student_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    instructorId: text("instructor_id")
      .notNull()
      .references(() => instructorProfiles.userId, { onDelete: "cascade" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.studentId, t.instructorId] })],
);

export const BOOKING_STATUSES = ["pending_payment", "confirmed", "completed", "cancelled", "no_show"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** The bookings' exclusion constraints (drizzle/0002_booking_exclusion.sql), matched by exact name in error mapping. */
export const BOOKING_CONSTRAINTS = {
  instructorNoOverlap: "bookings_instructor_no_overlap",
  studentNoOverlap: "bookings_student_no_overlap",
} as const;

/**
 * A booking is a time range on an instructor's calendar. The exclusion constraints (custom migration)
 * forbid overlapping active bookings for one instructor (end widened by the buffer) and for one student.
 */
export const bookings = pgTable(
  "bookings",
  {
    id: idColumn(),
    studentId: text("student_id")
      .notNull()
      .references(() => users.id),
    instructorId: text("instructor_id")
      .notNull()
      .references(() => instructorProfiles.userId),
    serviceId: text("service_id")
      .notNull()
      .references(() => instructorServices.id),
    startAt: tstz("start_at").notNull(),
    endAt: tstz("end_at").notNull(),
    bufferMinutes: integer("buffer_minutes").notNull().default(15),
    /** end_at + buffer, stored because timestamptz + interval is not immutable and cannot sit in the constraint. */
    blockedUntil: tstz("blocked_until").notNull(),
    status: text("status", { enum: BOOKING_STATUSES }).notNull().default("pending_payment"),
    locationType: text("location_type", { enum: LOCATION_TYPES }).notNull(),
    locationDetails: text("location_details").notNull().default(""),
    notes: text("notes").notNull().default(""),
    priceCents: integer("price_cents").notNull(),
    currency: text("currency").notNull().default("USD"),
    rescheduledFromId: text("rescheduled_from_id"),
    rescheduleCount: integer("reschedule_count").notNull().default(0),
    cancelledAt: tstz("cancelled_at"),
    cancelledBy: text("cancelled_by"),
    cancellationFeeCents: integer("cancellation_fee_cents"),
    cancellationReason: text("cancellation_reason"),
    completedAt: tstz("completed_at"),
    /** A no-show report (either side, within 48 h of the end) also stops auto-completion. */
    noShowReportedBy: text("no_show_reported_by", { enum: ["student", "instructor"] }),
    noShowReportedAt: tstz("no_show_reported_at"),
    ...timestamps,
  },
  (t) => [
    check("bookings_status_ck", sql`${t.status} in ('pending_payment','confirmed','completed','cancelled','no_show')`),
    check("bookings_range_ck", sql`${t.endAt} > ${t.startAt} and ${t.blockedUntil} >= ${t.endAt}`),
    check("bookings_price_ck", sql`${t.priceCents} >= 0`),
    index("bookings_instructor_start_idx").on(t.instructorId, t.startAt),
    index("bookings_student_start_idx").on(t.studentId, t.startAt),
    index("bookings_status_end_idx").on(t.status, t.endAt),
    check(
      "bookings_cancelled_by_ck",
      sql`${t.cancelledBy} is null or ${t.cancelledBy} in ('student','instructor','admin','system')`,
    ),
  ],
);

/** One review per completed booking, by its student; editable for 7 days; one instructor reply. */
export const reviews = pgTable(
  "reviews",
  {
    id: idColumn(),
    bookingId: text("booking_id")
      .notNull()
      .unique()
      .references(() => bookings.id),
    studentId: text("student_id")
      .notNull()
      .references(() => users.id),
    instructorId: text("instructor_id")
      .notNull()
      .references(() => instructorProfiles.userId),
    rating: integer("rating").notNull(),
    body: text("body").notNull().default(""),
    reply: text("reply"),
    repliedAt: tstz("replied_at"),
    ...timestamps,
  },
  (t) => [
    check("reviews_rating_ck", sql`${t.rating} between 1 and 5`),
    index("reviews_instructor_created_idx").on(t.instructorId, t.createdAt),
  ],
);
