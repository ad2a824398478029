import { z } from "zod";
import { AGE_GROUPS, BACKGROUND_CHECK, DURATIONS, LEVELS, LOCATION_TYPES, PAYOUT_STATUS } from "~/server/db/schema";
import { NYC_BOUNDS } from "~/server/services/instructors/geo-privacy";
import { PUBLIC_LIST_MAX } from "~/server/services/instructors/instructor-service";
import { ZTimeZone } from "./auth.schemas";
import { ZId, ZSlug } from "./catalog.schemas";
import { zText } from "~/server/api/zod";

/* ── Inputs ── */

/** Every field optional: forms save the sections they show. */
export const ZUpdateProfileInput = z.object({
  headline: zText({ max: 120 }).optional(),
  bio: zText({ max: 4000, multiline: true }).optional(),
  yearsExperience: z.number().int().min(0).max(70, { message: "At most 70 years" }).optional(),
  languages: z
    .array(zText({ min: 1, max: 40 }))
    .max(10, { message: "At most 10 languages" })
    .optional(),
  timeZone: ZTimeZone.optional(),
  offersTravel: z.boolean().optional(),
  offersAtLocation: z.boolean().optional(),
  offersOnline: z.boolean().optional(),
  bufferMinutes: z
    .number()
    .int()
    .min(0)
    .max(120, { message: "At most 120 minutes" })
    .multipleOf(5, { message: "Use steps of 5 minutes" })
    .optional(),
  minNoticeMinutes: z.number().int().min(0).max(10080, { message: "At most 7 days" }).optional(),
  horizonDays: z.number().int().min(1).max(365, { message: "At most 365 days" }).optional(),
});

export const ZSetServiceAreasInput = z.object({ regionIds: z.array(ZId).max(40, { message: "At most 40 areas" }) });

export const ZSetTeachingAddressInput = z.object({
  addressLine: zText({ min: 1, max: 200 }),
  lat: z
    .number()
    .min(NYC_BOUNDS.minLat, { message: "Outside New York City" })
    .max(NYC_BOUNDS.maxLat, { message: "Outside New York City" }),
  lng: z
    .number()
    .min(NYC_BOUNDS.minLng, { message: "Outside New York City" })
    .max(NYC_BOUNDS.maxLng, { message: "Outside New York City" }),
});

const ZDuration = z
  .number()
  .int()
  .refine((d) => (DURATIONS as readonly number[]).includes(d), { message: "Lessons are 30, 45, 60 or 90 minutes" });
const serviceFields = {
  hourlyRateCents: z
    .number()
    .int()
    .min(500, { message: "At least $5 an hour" })
    .max(100_000, { message: "At most $1,000 an hour" }),
  durations: z.array(ZDuration).min(1, { message: "Choose at least one lesson length" }).max(DURATIONS.length),
  locationTypes: z
    .array(z.enum(LOCATION_TYPES))
    .min(1, { message: "Choose where you teach" })
    .max(LOCATION_TYPES.length),
  ageGroups: z.array(z.enum(AGE_GROUPS)).min(1, { message: "Choose who you teach" }).max(AGE_GROUPS.length),
  levels: z.array(z.enum(LEVELS)).min(1, { message: "Choose at least one level" }).max(LEVELS.length),
  description: zText({ max: 2000, multiline: true }),
};
export const ZAddServiceInput = z.object({
  subjectId: ZId,
  ...serviceFields,
  description: serviceFields.description.default(""),
});
export const ZUpdateServiceInput = z.object({ id: ZId, ...z.object(serviceFields).partial().shape });
export const ZServiceIdInput = z.object({ id: ZId });
export const ZInstructorIdInput = z.object({ instructorId: ZId });
export const ZPublicProfileInput = z.object({ id: ZId });
export const ZPublicListInput = z.object({
  subjectSlug: ZSlug.optional(),
  regionId: ZId.optional(),
  cursor: ZId.optional(),
  limit: z.number().int().min(1).max(PUBLIC_LIST_MAX).default(20),
});
export const ZSetBackgroundCheckInput = z.object({
  instructorId: ZId,
  status: z.enum(BACKGROUND_CHECK),
  note: zText({ max: 500, multiline: true }).optional(),
});

/* ── Outputs (explicit shapes: anything not listed is stripped) ── */

const ZLatLng = z.object({ lat: z.number(), lng: z.number() });
export const ZRegionRef = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  kind: z.string(),
  parentId: z.string().nullable(),
});
const ZSubjectRef = z.object({ id: z.string(), slug: z.string(), name: z.string() });

export const ZPublicService = z.object({
  id: z.string(),
  subject: ZSubjectRef,
  hourlyRateCents: z.number().int(),
  currency: z.string(),
  durations: z.array(z.number().int()),
  locationTypes: z.array(z.enum(LOCATION_TYPES)),
  ageGroups: z.array(z.enum(AGE_GROUPS)),
  levels: z.array(z.enum(LEVELS)),
  description: z.string(),
});
export const ZOwnService = ZPublicService.extend({ isActive: z.boolean(), createdAt: z.date(), updatedAt: z.date() });
export const ZRemoveServiceResult = z.object({ id: z.string(), outcome: z.enum(["deleted", "deactivated"]) });

/**
 * An instructor as the public sees them (PRODUCT.md §1): "First L.", jittered coordinates rounded to 4 decimals
 * and a neighbourhood; no last name, email, phone, address line or exact coordinates exist in this shape.
 */
export const ZPublicInstructorCard = z.object({
  id: z.string(),
  name: z.string(),
  photoUrl: z.string().nullable(),
  headline: z.string(),
  yearsExperience: z.number().int(),
  offersTravel: z.boolean(),
  offersAtLocation: z.boolean(),
  offersOnline: z.boolean(),
  neighbourhood: z.object({ name: z.string(), borough: z.string().nullable() }).nullable(),
  location: ZLatLng.nullable(),
  subjects: z.array(z.object({ slug: z.string(), name: z.string() })),
  fromRateCents: z.number().int().nullable(),
  rating: z.object({ avg: z.number(), count: z.number().int() }),
  founding: z.boolean(),
  verified: z.boolean(),
  listed: z.boolean(),
});
export const ZPublicInstructorProfile = ZPublicInstructorCard.extend({
  bio: z.string(),
  languages: z.array(z.string()),
  serviceAreas: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  services: z.array(ZPublicService),
});
export const ZPublicList = z.object({ items: z.array(ZPublicInstructorCard), nextCursor: z.string().nullable() });

export const ZOwnProfile = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  publicName: z.string(),
  photoUrl: z.string().nullable(),
  headline: z.string(),
  bio: z.string(),
  yearsExperience: z.number().int(),
  languages: z.array(z.string()),
  timeZone: z.string(),
  offersTravel: z.boolean(),
  offersAtLocation: z.boolean(),
  offersOnline: z.boolean(),
  /** Private: only ever sent to the owner. */
  address: z.object({ line: z.string(), lat: z.number(), lng: z.number() }).nullable(),
  publicLocation: ZLatLng.nullable(),
  neighbourhood: z.object({ id: z.string(), name: z.string(), borough: z.string().nullable() }).nullable(),
  serviceAreas: z.array(ZRegionRef),
  backgroundCheck: z.object({ status: z.enum(BACKGROUND_CHECK), started: z.boolean() }),
  payoutStatus: z.enum(PAYOUT_STATUS),
  founding: z.boolean(),
  bufferMinutes: z.number().int(),
  minNoticeMinutes: z.number().int(),
  horizonDays: z.number().int(),
  rating: z.object({ avg: z.number(), count: z.number().int() }),
  updatedAt: z.date(),
});

export const ZChecklist = z.object({
  listed: z.boolean(),
  items: z.array(z.object({ key: z.string(), label: z.string(), done: z.boolean(), required: z.boolean() })),
});
export const ZBackgroundCheckState = z.object({ status: z.enum(BACKGROUND_CHECK), started: z.literal(true) });
export const ZSetBackgroundCheckResult = z.object({ instructorId: z.string(), status: z.enum(BACKGROUND_CHECK) });

export type TUpdateProfileInput = z.infer<typeof ZUpdateProfileInput>;
export type TAddServiceInput = z.infer<typeof ZAddServiceInput>;
export type TUpdateServiceInput = z.infer<typeof ZUpdateServiceInput>;
export type TOwnProfile = z.infer<typeof ZOwnProfile>;
export type TOwnService = z.infer<typeof ZOwnService>;
export type TChecklist = z.infer<typeof ZChecklist>;
export type TPublicInstructorCard = z.infer<typeof ZPublicInstructorCard>;
export type TPublicInstructorProfile = z.infer<typeof ZPublicInstructorProfile>;
