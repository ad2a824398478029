import type { Database } from "~/server/db/client";
import type { InstructorRepository, InstructorServiceRow } from "~/server/repositories/instructors";
import type { CatalogRepository } from "~/server/repositories/catalog";
import type { AuditRepository } from "~/server/repositories/audit";
import type { AvailabilityService } from "~/server/services/availability/availability-service";
import type { Actor } from "~/server/services/auth/session-service";
import type { BackgroundCheckProvider, BackgroundCheckStatus } from "~/server/integrations/background-check";
import { STORED_NAME, type FileStorage } from "~/server/integrations/storage";
import type { RateLimiterFactory } from "~/server/kv/rate-limit";
import { LOCATION_TYPES } from "~/server/db/schema";
import { publicName } from "~/lib/privacy";
import { pgErrorCode } from "~/server/db/errors";
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, ValidationError } from "~/server/errors";
import { computeChecklist, type Checklist } from "./checklist";
import { cryptoRandom, nearestRegion, publicPointFor, roundCoordinate } from "./geo-privacy";
import { sniffImageType } from "./photo";
import {
  toCard,
  toOwnServiceView,
  toServiceView,
  type AgeGroup,
  type Level,
  type LocationType,
  type OwnServiceView,
  type PublicInstructorCard,
  type PublicInstructorProfile,
} from "./views";

/** PRODUCT.md §2: listing looks for availability this many days ahead. */
export const LISTING_AVAILABILITY_DAYS = 30;
/** Photo uploads per instructor per hour (each attempt counts, accepted or not). */
export const PHOTO_UPLOAD_LIMIT = { name: "photo-uploads", points: 10, durationSeconds: 60 * 60 };
/** Where stored uploads are served (src/app/api/uploads/[file]/route.ts). */
export const UPLOAD_URL_PREFIX = "/api/uploads/";
export const PUBLIC_LIST_MAX = 50;
const FOREIGN_KEY_VIOLATION = "23503";

/**
 * Which profile capability each lesson location needs. A neutral place (a library, a park) is one the
 * instructor travels to, so it needs `offersTravel` like the student's place does.
 */
export const CAPABILITY_FOR_LOCATION: Record<LocationType, "offersTravel" | "offersAtLocation" | "offersOnline"> = {
  student_location: "offersTravel",
  neutral_location: "offersTravel",
  instructor_location: "offersAtLocation",
  online: "offersOnline",
};
const LOCATION_LABEL: Record<LocationType, string> = {
  student_location: "at the student's place",
  neutral_location: "at a public place",
  instructor_location: "at your place",
  online: "online",
};
const CAPABILITY_LABEL = {
  offersTravel: "Travel to students",
  offersAtLocation: "Teach at your place",
  offersOnline: "Teach online",
} as const;

type Capabilities = { offersTravel: boolean; offersAtLocation: boolean; offersOnline: boolean };

export type ProfileUpdate = Partial<
  Capabilities & {
    headline: string;
    bio: string;
    yearsExperience: number;
    languages: string[];
    timeZone: string;
    bufferMinutes: number;
    minNoticeMinutes: number;
    horizonDays: number;
  }
>;
export type ServiceInput = {
  subjectId: string;
  hourlyRateCents: number;
  durations: number[];
  locationTypes: LocationType[];
  ageGroups: AgeGroup[];
  levels: Level[];
  description: string;
};
export type ServiceUpdate = { id: string } & Partial<Omit<ServiceInput, "subjectId">>;

export type RegionRef = { id: string; slug: string; name: string; kind: string; parentId: string | null };

/** The owner's full view of their profile, private fields included. Never returned to anyone else. */
export type OwnProfileView = Capabilities & {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  publicName: string;
  photoUrl: string | null;
  headline: string;
  bio: string;
  yearsExperience: number;
  languages: string[];
  timeZone: string;
  address: { line: string; lat: number; lng: number } | null;
  publicLocation: { lat: number; lng: number } | null;
  neighbourhood: { id: string; name: string; borough: string | null } | null;
  serviceAreas: RegionRef[];
  backgroundCheck: { status: BackgroundCheckStatus; started: boolean };
  payoutStatus: "not_started" | "pending" | "active";
  founding: boolean;
  bufferMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  rating: { avg: number; count: number };
  updatedAt: Date;
};

type Deps = {
  db: Database;
  instructors: InstructorRepository;
  catalog: CatalogRepository;
  audit: AuditRepository;
  availability: Pick<AvailabilityService, "hasAvailabilityWithin" | "invalidateSlots">;
  backgroundChecks: BackgroundCheckProvider;
  storage: FileStorage;
  limiters: RateLimiterFactory;
  /** Keyed hash of an IP for the audit log (never the raw address). */
  hashIp: (ip: string) => string;
  maxUploadBytes: number;
  /** Profile fields an admin hid (moderation): the public profile leaves them out. */
  hiddenProfileFields?: (instructorId: string) => Promise<ReadonlySet<string>>;
  /** Randomness for public-location jitter; a CSPRNG unless a test injects otherwise. */
  random?: () => number;
};

/** Instructor profiles and lesson services: the owner's editing, the listing checklist and the public views. */
export function createInstructorService(deps: Deps) {
  const { db, instructors, catalog, audit, availability, backgroundChecks, storage, limiters } = deps;
  const random = deps.random ?? cryptoRandom;

  function assertInstructor(actor: Actor) {
    if (!actor.permissions.has("instructor:manage:own")) throw new ForbiddenError("Only instructors can do that.");
  }

  async function ownRow(actor: Actor) {
    assertInstructor(actor);
    const row = await instructors.findProfile(actor.userId);
    if (!row) throw new NotFoundError("Your instructor profile was not found.");
    return row;
  }

  async function ownView(actor: Actor): Promise<OwnProfileView> {
    const [row, areas] = await Promise.all([ownRow(actor), instructors.listServiceAreas(actor.userId)]);
    const p = row.profile;
    const address =
      p.addressLine !== null && p.addressLat !== null && p.addressLng !== null
        ? { line: p.addressLine, lat: p.addressLat, lng: p.addressLng }
        : null;
    return {
      id: p.userId,
      firstName: row.user.firstName,
      lastName: row.user.lastName,
      email: row.user.email,
      publicName: publicName(row.user.firstName, row.user.lastName),
      photoUrl: p.photoUrl,
      headline: p.headline,
      bio: p.bio,
      yearsExperience: p.yearsExperience,
      languages: p.languages,
      timeZone: p.timeZone,
      offersTravel: p.offersTravel,
      offersAtLocation: p.offersAtLocation,
      offersOnline: p.offersOnline,
      address,
      publicLocation:
        p.publicLat !== null && p.publicLng !== null
          ? { lat: roundCoordinate(p.publicLat), lng: roundCoordinate(p.publicLng) }
          : null,
      neighbourhood:
        p.neighbourhoodId && row.neighbourhoodName
          ? { id: p.neighbourhoodId, name: row.neighbourhoodName, borough: row.boroughName }
          : null,
      serviceAreas: areas,
      backgroundCheck: { status: p.backgroundCheck, started: p.backgroundCheckRef !== null },
      payoutStatus: p.payoutStatus,
      founding: p.founding,
      bufferMinutes: p.bufferMinutes,
      minNoticeMinutes: p.minNoticeMinutes,
      horizonDays: p.horizonDays,
      rating: { avg: Math.round(p.ratingAvg * 100) / 100, count: p.ratingCount },
      updatedAt: p.updatedAt,
    };
  }

  /** Location types the capabilities do not allow, with a message per missing capability. */
  function capabilityErrors(locationTypes: readonly LocationType[], caps: Capabilities): string[] {
    return locationTypes
      .filter((t) => !caps[CAPABILITY_FOR_LOCATION[t]])
      .map(
        (t) =>
          `Lessons ${LOCATION_LABEL[t]} need "${CAPABILITY_LABEL[CAPABILITY_FOR_LOCATION[t]]}" turned on in your profile`,
      );
  }

  function normalizeService<T extends Partial<ServiceInput>>(input: T): T {
    const out = { ...input };
    if (input.durations) out.durations = [...new Set(input.durations)].sort((a, b) => a - b);
    if (input.locationTypes) out.locationTypes = LOCATION_TYPES.filter((t) => input.locationTypes!.includes(t));
    if (input.ageGroups) out.ageGroups = [...new Set(input.ageGroups)];
    if (input.levels) out.levels = [...new Set(input.levels)];
    if (input.description !== undefined) out.description = input.description.trim();
    return out;
  }

  async function serviceView(row: InstructorServiceRow): Promise<OwnServiceView> {
    const subject = await catalog.findSubjectById(row.subjectId);
    if (!subject) throw new Error(`service ${row.id} has no subject`);
    return toOwnServiceView(row, { id: subject.id, slug: subject.slug, name: subject.name });
  }

  async function refreshBackgroundCheck(instructorId: string): Promise<BackgroundCheckStatus> {
    const row = await instructors.findProfile(instructorId);
    if (!row) throw new NotFoundError("Instructor not found.");
    const { backgroundCheck, backgroundCheckRef } = row.profile;
    // Only a running check follows the provider: a decided status (or an admin's decision) stays put.
    if (backgroundCheck !== "pending" || !backgroundCheckRef) return backgroundCheck;
    const status = await backgroundChecks.status(backgroundCheckRef);
    if (status !== backgroundCheck) await instructors.updateProfile(instructorId, { backgroundCheck: status });
    return status;
  }

  async function cardsFor(rows: Parameters<typeof toCard>[0][]): Promise<PublicInstructorCard[]> {
    const services = await instructors.listActiveServicesOf(rows.map((r) => r.id));
    const byInstructor = new Map<string, ReturnType<typeof toServiceView>[]>();
    for (const s of services) {
      const list = byInstructor.get(s.service.instructorId) ?? [];
      list.push(toServiceView(s.service, s.subject));
      byInstructor.set(s.service.instructorId, list);
    }
    return rows.map((r) => toCard(r, byInstructor.get(r.id) ?? []));
  }

  return {
    /** The signed-in instructor's full profile, private address included. */
    myProfile: ownView,

    /** Partial update of the profile; turning a location capability off is refused while an active service uses it. */
    async updateProfile(actor: Actor, input: ProfileUpdate): Promise<OwnProfileView> {
      const current = (await ownRow(actor)).profile;
      const values: ProfileUpdate = { ...input };
      if (input.headline !== undefined) values.headline = input.headline.trim();
      if (input.bio !== undefined) values.bio = input.bio.trim();
      if (input.languages) {
        const seen = new Set<string>();
        values.languages = input.languages
          .map((l) => l.trim())
          .filter((l) => l && !seen.has(l.toLowerCase()) && seen.add(l.toLowerCase()));
      }
      const caps: Capabilities = {
        offersTravel: input.offersTravel ?? current.offersTravel,
        offersAtLocation: input.offersAtLocation ?? current.offersAtLocation,
        offersOnline: input.offersOnline ?? current.offersOnline,
      };
      const fieldErrors: Record<string, string[]> = {};
      for (const { service, subject } of await instructors.listServicesOf(actor.userId)) {
        if (!service.isActive) continue;
        for (const t of service.locationTypes as LocationType[]) {
          const cap = CAPABILITY_FOR_LOCATION[t];
          if (!caps[cap])
            (fieldErrors[cap] ??= []).push(
              `Your ${subject.name} service is offered ${LOCATION_LABEL[t]}: change it first`,
            );
        }
      }
      if (Object.keys(fieldErrors).length) {
        throw new ValidationError(
          "Some of your services still use a way of teaching you are turning off.",
          fieldErrors,
        );
      }
      if (Object.values(values).some((v) => v !== undefined)) await instructors.updateProfile(actor.userId, values);
      const scheduling = ["timeZone", "bufferMinutes", "minNoticeMinutes", "horizonDays"] as const;
      if (scheduling.some((k) => input[k] !== undefined && input[k] !== current[k]))
        await availability.invalidateSlots(actor.userId);
      return ownView(actor);
    },

    /** Replaces the service areas: boroughs or neighbourhoods of the gazetteer only. */
    async setServiceAreas(actor: Actor, input: { regionIds: string[] }): Promise<RegionRef[]> {
      await ownRow(actor);
      const ids = [...new Set(input.regionIds)];
      const found = new Map((await catalog.findRegionsByIds(ids)).map((r) => [r.id, r]));
      const unknown = ids.filter((id) => !found.has(id));
      if (unknown.length)
        throw new ValidationError(
          "Some of those areas don't exist.",
          { regionIds: ["Choose areas from the list"] },
          { unknown },
        );
      const wrongKind = ids.filter(
        (id) => found.get(id)!.kind !== "borough" && found.get(id)!.kind !== "neighbourhood",
      );
      if (wrongKind.length)
        throw new ValidationError("Choose boroughs or neighbourhoods.", {
          regionIds: ["Choose boroughs or neighbourhoods, not the whole city"],
        });
      await db.transaction(async (tx) => instructors.replaceServiceAreas(tx, actor.userId, ids));
      return instructors.listServiceAreas(actor.userId);
    },

    /**
     * Stores the teaching address privately, derives the public point (25–50 m away, cryptographic RNG, computed
     * once here so repeated views can't be averaged out) and the nearest neighbourhood.
     */
    async setTeachingAddress(
      actor: Actor,
      input: { addressLine: string; lat: number; lng: number },
    ): Promise<OwnProfileView> {
      await ownRow(actor);
      const hood = nearestRegion(input.lat, input.lng, await catalog.listNeighbourhoods());
      const pub = publicPointFor(input.lat, input.lng, random);
      await instructors.updateProfile(actor.userId, {
        addressLine: input.addressLine.trim(),
        addressLat: input.lat,
        addressLng: input.lng,
        publicLat: pub.lat,
        publicLng: pub.lng,
        neighbourhoodId: hood?.id ?? null,
      });
      return ownView(actor);
    },

    /**
     * Stores a new profile photo. The type comes from the file's magic bytes (JPEG, PNG, WebP), not from what
     * the client declared; at most `maxUploadBytes`; 10 attempts an hour. The previous stored photo is removed.
     */
    async setPhoto(actor: Actor, input: { bytes: Uint8Array }): Promise<{ photoUrl: string }> {
      const before = (await ownRow(actor)).profile.photoUrl;
      const r = await limiters(PHOTO_UPLOAD_LIMIT).consume(actor.userId);
      if (!r.ok) throw new RateLimitedError("Too many photo uploads. Try again later.", r.retryAfterSeconds);
      if (input.bytes.length === 0)
        throw new ValidationError("Choose a photo to upload.", { file: ["Required"] }, { reason: "empty" });
      if (input.bytes.length > deps.maxUploadBytes) {
        const mib = Math.floor(deps.maxUploadBytes / (1024 * 1024));
        throw new ValidationError(
          `Photos can be at most ${mib} MB.`,
          { file: [`At most ${mib} MB`] },
          { reason: "too_large", maxBytes: deps.maxUploadBytes },
        );
      }
      const type = sniffImageType(input.bytes);
      if (!type)
        throw new ValidationError(
          "Upload a JPEG, PNG or WebP image.",
          { file: ["Not a JPEG, PNG or WebP image"] },
          { reason: "unsupported_type" },
        );
      const { name } = await storage.put(input.bytes, type);
      const photoUrl = `${UPLOAD_URL_PREFIX}${name}`;
      await instructors.updateProfile(actor.userId, { photoUrl });
      await removeStoredPhoto(before);
      return { photoUrl };
    },

    /** Removes the profile photo. */
    async removePhoto(actor: Actor): Promise<{ photoUrl: null }> {
      const before = (await ownRow(actor)).profile.photoUrl;
      await instructors.updateProfile(actor.userId, { photoUrl: null });
      await removeStoredPhoto(before);
      return { photoUrl: null };
    },

    /** What the profile still needs before it is listed (PRODUCT.md §2), refreshing a running background check first. */
    async checklist(actor: Actor): Promise<Checklist> {
      assertInstructor(actor);
      const backgroundCheck = await refreshBackgroundCheck(actor.userId);
      const [row, activeServices, areas, hasAvailabilitySoon] = await Promise.all([
        ownRow(actor),
        instructors.countActiveServices(actor.userId),
        instructors.listServiceAreas(actor.userId),
        availability.hasAvailabilityWithin(actor.userId, LISTING_AVAILABILITY_DAYS),
      ]);
      const p = row.profile;
      return computeChecklist({
        accountActive: row.user.status === "active",
        activeServices,
        hasAvailabilitySoon,
        backgroundCheck,
        payoutsActive: p.payoutStatus === "active",
        headline: p.headline,
        bio: p.bio,
        hasPhoto: p.photoUrl !== null,
        serviceAreas: areas.length,
        offersAtLocation: p.offersAtLocation,
        hasTeachingAddress: p.addressLine !== null,
      });
    },

    /**
     * "Set up payouts". Until Stripe Connect onboarding exists (PRODUCT.md §5) this local stand-in marks the
     * payout account active at once; the payments work replaces it with the Connect account link and webhook.
     */
    async setupPayouts(actor: Actor): Promise<{ payoutStatus: "active" }> {
      await ownRow(actor);
      await instructors.updateProfile(actor.userId, { payoutStatus: "active" });
      return { payoutStatus: "active" };
    },

    /** Starts the background check once (idempotent while one is running or passed); a failed check goes through support. */
    async startBackgroundCheck(actor: Actor, ip: string): Promise<{ status: BackgroundCheckStatus; started: true }> {
      const p = (await ownRow(actor)).profile;
      if (p.backgroundCheck === "failed")
        throw new ConflictError("Your background check did not pass. Contact support to review it.");
      if (p.backgroundCheckRef || p.backgroundCheck === "passed")
        return { status: await refreshBackgroundCheck(actor.userId), started: true };
      const { reference } = await backgroundChecks.start(actor.userId);
      await instructors.updateProfile(actor.userId, { backgroundCheckRef: reference, backgroundCheck: "pending" });
      await audit.record({
        actorId: actor.userId,
        action: "instructor.background_check.start",
        targetType: "instructor",
        targetId: actor.userId,
        ipHash: deps.hashIp(ip),
      });
      return { status: "pending", started: true };
    },

    /** Follows a running check at the provider; a decided status is never changed here. */
    refreshBackgroundCheck,

    /**
     * Admin override of the background-check status, audit-logged. Setting it back to pending forgets the
     * provider reference, so the instructor's next start runs a fresh check.
     */
    async adminSetBackgroundCheck(
      actor: Actor,
      input: { instructorId: string; status: BackgroundCheckStatus; note?: string },
      ip: string,
    ): Promise<{ instructorId: string; status: BackgroundCheckStatus }> {
      if (!actor.permissions.has("admin:instructors"))
        throw new ForbiddenError("You don't have permission to do that.");
      return db.transaction(async (tx) => {
        const before = await instructors.lockProfile(tx, input.instructorId);
        if (!before) throw new NotFoundError("Instructor not found.");
        await instructors.updateProfile(
          input.instructorId,
          { backgroundCheck: input.status, ...(input.status === "pending" ? { backgroundCheckRef: null } : {}) },
          tx,
        );
        await audit.record(
          {
            actorId: actor.userId,
            action: "admin.instructor.background_check",
            targetType: "instructor",
            targetId: input.instructorId,
            data: { from: before.backgroundCheck, to: input.status, ...(input.note ? { note: input.note } : {}) },
            ipHash: deps.hashIp(ip),
          },
          tx,
        );
        return { instructorId: input.instructorId, status: input.status };
      });
    },

    /* ── Lesson services ── */

    /** The instructor's own services, inactive ones included (active first). */
    async services(actor: Actor): Promise<OwnServiceView[]> {
      await ownRow(actor);
      return (await instructors.listServicesOf(actor.userId)).map((r) => toOwnServiceView(r.service, r.subject));
    },

    /** Adds a service: one active service per subject, locations allowed by the profile's capabilities. */
    async addService(actor: Actor, raw: ServiceInput): Promise<OwnServiceView> {
      assertInstructor(actor);
      const input = normalizeService(raw);
      const row = await db.transaction(async (tx) => {
        const profile = await instructors.lockProfile(tx, actor.userId);
        if (!profile) throw new NotFoundError("Your instructor profile was not found.");
        if (!(await catalog.findSubjectById(input.subjectId, tx)))
          throw new ValidationError("Choose a subject from the list.", { subjectId: ["Unknown subject"] });
        const capErrors = capabilityErrors(input.locationTypes, profile);
        if (capErrors.length)
          throw new ValidationError("Your profile doesn't offer some of those locations.", {
            locationTypes: capErrors,
          });
        if (
          await instructors.findActiveServiceForSubject(tx, { instructorId: actor.userId, subjectId: input.subjectId })
        ) {
          throw new ConflictError("You already offer this subject. Edit that service instead.", { field: "subjectId" });
        }
        return instructors.insertService(tx, { instructorId: actor.userId, ...input });
      });
      await availability.invalidateSlots(actor.userId);
      return serviceView(row);
    },

    /** Edits an own service (rate, durations, locations, audiences, description). Others' ids are NOT_FOUND. */
    async updateService(actor: Actor, raw: ServiceUpdate): Promise<OwnServiceView> {
      assertInstructor(actor);
      const { id, ...changes } = normalizeService(raw);
      const row = await db.transaction(async (tx) => {
        const profile = await instructors.lockProfile(tx, actor.userId);
        const existing = profile ? await instructors.findOwnedService(actor.userId, id, tx) : null;
        if (!profile || !existing) throw new NotFoundError("Service not found.");
        if (changes.locationTypes && existing.isActive) {
          const capErrors = capabilityErrors(changes.locationTypes, profile);
          if (capErrors.length)
            throw new ValidationError("Your profile doesn't offer some of those locations.", {
              locationTypes: capErrors,
            });
        }
        if (!Object.values(changes).some((v) => v !== undefined)) return existing;
        return instructors.updateService(tx, id, changes);
      });
      await availability.invalidateSlots(actor.userId);
      return serviceView(row);
    },

    /** Deletes a service without bookings; a service with bookings is only deactivated (its history stays intact). */
    async removeService(
      actor: Actor,
      input: { id: string },
    ): Promise<{ id: string; outcome: "deleted" | "deactivated" }> {
      assertInstructor(actor);
      const outcome = await db.transaction(async (tx) => {
        const profile = await instructors.lockProfile(tx, actor.userId);
        const existing = profile ? await instructors.findOwnedService(actor.userId, input.id, tx) : null;
        if (!existing) throw new NotFoundError("Service not found.");
        const deactivate = async () => {
          if (existing.isActive) await instructors.updateService(tx, existing.id, { isActive: false });
          return "deactivated" as const;
        };
        if (await instructors.serviceHasBookings(existing.id, tx)) return deactivate();
        try {
          // Savepoint: a booking committed between the check and the delete makes the delete a foreign-key
          // violation, and the service is deactivated instead.
          await tx.transaction(async (sp) => instructors.deleteService(sp, existing.id));
          return "deleted" as const;
        } catch (e) {
          if (pgErrorCode(e) !== FOREIGN_KEY_VIOLATION) throw e;
          return deactivate();
        }
      });
      await availability.invalidateSlots(actor.userId);
      return { id: input.id, outcome };
    },

    /** Turns a deactivated service back on, unless another active service already covers its subject. */
    async reactivateService(actor: Actor, input: { id: string }): Promise<OwnServiceView> {
      assertInstructor(actor);
      const row = await db.transaction(async (tx) => {
        const profile = await instructors.lockProfile(tx, actor.userId);
        const existing = profile ? await instructors.findOwnedService(actor.userId, input.id, tx) : null;
        if (!profile || !existing) throw new NotFoundError("Service not found.");
        if (existing.isActive) return existing;
        if (
          await instructors.findActiveServiceForSubject(tx, {
            instructorId: actor.userId,
            subjectId: existing.subjectId,
            exceptId: existing.id,
          })
        ) {
          throw new ConflictError("Another active service already covers this subject.", { field: "subjectId" });
        }
        const capErrors = capabilityErrors(existing.locationTypes as LocationType[], profile);
        if (capErrors.length)
          throw new ValidationError("Your profile no longer offers some of this service's locations.", {
            locationTypes: capErrors,
          });
        return instructors.updateService(tx, existing.id, { isActive: true });
      });
      await availability.invalidateSlots(actor.userId);
      return serviceView(row);
    },

    /* ── Public views ── */

    /** The public, privacy-shaped profile of an instructor with an active account; anything else is NOT_FOUND. */
    async publicProfile(instructorId: string): Promise<PublicInstructorProfile> {
      const row = await instructors.findPublic(instructorId);
      if (!row) throw new NotFoundError("We couldn't find that instructor.");
      const [services, areas, hidden] = await Promise.all([
        instructors.listActiveServicesOf([instructorId]),
        instructors.listServiceAreas(instructorId),
        deps.hiddenProfileFields?.(instructorId) ?? new Set<string>(),
      ]);
      const serviceViews = services.map((s) => toServiceView(s.service, s.subject));
      // The exact listing rule (bookings and notice included) for one profile; lists use the SQL form.
      const basics = serviceViews.length > 0 && row.backgroundCheck !== "failed" && row.payoutStatus === "active";
      const listed = basics && (await availability.hasAvailabilityWithin(instructorId, LISTING_AVAILABILITY_DAYS));
      const card = toCard(row, serviceViews, listed);
      return {
        ...card,
        headline: hidden.has("profile_headline") ? "" : card.headline,
        photoUrl: hidden.has("profile_photo") ? null : card.photoUrl,
        bio: hidden.has("profile_bio") ? "" : row.bio,
        languages: row.languages,
        serviceAreas: areas.map((a) => ({ id: a.id, name: a.name, kind: a.kind })),
        services: serviceViews,
      };
    },

    /** Listed instructors as cards, by id, `limit` a page; filter by subject slug and/or covered region. */
    async publicList(input: { subjectSlug?: string; regionId?: string; cursor?: string; limit: number }) {
      const limit = Math.min(input.limit, PUBLIC_LIST_MAX);
      const rows = await instructors.listListedPublic({
        subjectSlug: input.subjectSlug,
        regionId: input.regionId,
        afterId: input.cursor,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      return {
        items: await cardsFor(page),
        nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
      };
    },

    /** Cards of the given instructors (active accounts only), in the order given; unknown ids are skipped. */
    async cardsByIds(ids: string[]): Promise<PublicInstructorCard[]> {
      const rows = await instructors.listPublicByIds(ids);
      const cards = new Map((await cardsFor(rows)).map((c) => [c.id, c]));
      return ids.flatMap((id) => cards.get(id) ?? []);
    },
  };

  async function removeStoredPhoto(photoUrl: string | null) {
    const name = photoUrl?.startsWith(UPLOAD_URL_PREFIX) ? photoUrl.slice(UPLOAD_URL_PREFIX.length) : null;
    if (name && STORED_NAME.test(name)) await storage.delete(name);
  }
}
export type InstructorService = ReturnType<typeof createInstructorService>;
