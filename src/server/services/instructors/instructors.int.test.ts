import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { z, type ZodError } from "zod";
import type { TRPCError } from "@trpc/server";
import { distanceKm } from "~/lib/geo";
import { auditLog, bookings, instructorProfiles, instructorServices, users } from "~/server/db/schema";
import { encryptSecret } from "~/server/auth/crypto";
import { ValidationError } from "~/server/errors";
import { LOCAL_BACKGROUND_CHECK_DELAY_SECONDS } from "~/server/integrations/background-check";
import type { UserRow } from "~/server/repositories/users";
import { insertCatalogFixture, insertOpenHoursEveryDay, type CatalogFixture } from "~/test/catalog-fixtures";
import { createInstructorRepository } from "~/server/repositories/instructors";
import { createCatalogRepository } from "~/server/repositories/catalog";
import { createAuditRepository } from "~/server/repositories/audit";
import { createLocalBackgroundCheck } from "~/server/integrations/background-check";
import { createLocalStorage } from "~/server/integrations/storage";
import { createInstructorService } from "./instructor-service";
import { callerFor, sessionFor, createTestRuntime, createTestUser, type TestRuntime } from "~/test/harness";

let rt: TestRuntime;
let fx: CatalogFixture;
let student: UserRow;
let admin: UserRow;
/** The runtime's clock is wall time moved forward by this much (a test looking "later"). */
let skewMs = 0;

beforeAll(async () => {
  rt = await createTestRuntime({ now: () => new Date(Date.now() + skewMs) });
  fx = await insertCatalogFixture(rt.dbh.db);
  student = await createTestUser(rt, { role: "student" });
  admin = await createTestUser(rt, { role: "admin" });
  await rt.dbh.db
    .update(users)
    .set({ totpSecretEnc: encryptSecret(rt.secret, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), totpEnabledAt: new Date() })
    .where(eq(users.id, admin.id));
});
afterAll(async () => rt?.close());

/** Field errors of a BAD_REQUEST, whether zod (input) or the service (ValidationError) produced them. */
function fieldErrorsOf(e: unknown): Record<string, string[] | undefined> {
  const err = e as TRPCError;
  expect(err.code).toBe("BAD_REQUEST");
  if (err.cause instanceof ValidationError) return err.cause.fieldErrors;
  const fieldErrors: Record<string, string[] | undefined> = z.flattenError(err.cause as ZodError).fieldErrors;
  return fieldErrors;
}

async function newInstructor(opts: { firstName?: string; lastName?: string; email?: string } = {}) {
  const user = await createTestUser(rt, { role: "instructor", ...opts });
  return { user, caller: await callerFor(rt, user) };
}

const pianoService = (extra: Record<string, unknown> = {}) => ({
  subjectId: fx.subject("piano").id,
  hourlyRateCents: 8000,
  durations: [60, 30, 60],
  locationTypes: ["online" as const],
  ageGroups: ["kids" as const, "adults" as const],
  levels: ["beginner" as const],
  description: "  Classical and pop piano.  ",
  ...extra,
});

/** Open 08:00–20:00 every weekday of the weekly pattern. */
const openEveryDay = (instructorId: string) => insertOpenHoursEveryDay(rt.dbh.db, instructorId);

let bookingSeq = 0;
/** A confirmed booking row (each on its own day: the test student may not double-book). */
async function insertBooking(instructorId: string, serviceId: string) {
  const start = new Date(Date.now() + (3 + bookingSeq++) * 86_400_000);
  const end = new Date(start.getTime() + 60 * 60_000);
  await rt.dbh.db.insert(bookings).values({
    studentId: student.id,
    instructorId,
    serviceId,
    startAt: start,
    endAt: end,
    bufferMinutes: 15,
    blockedUntil: new Date(end.getTime() + 15 * 60_000),
    status: "confirmed",
    locationType: "online",
    priceCents: 8000,
  });
}

describe("profile", () => {
  it("updates fields and returns the private view", async () => {
    const { caller } = await newInstructor({ firstName: "Ana", lastName: "Lopez" });
    const view = await caller.instructor.updateProfile({
      headline: "  Patient piano teacher  ",
      bio: "I teach piano.",
      yearsExperience: 12,
      languages: ["English", " Spanish ", "english"],
      timeZone: "America/Chicago",
      offersOnline: true,
      bufferMinutes: 10,
      minNoticeMinutes: 60,
      horizonDays: 60,
    });
    expect(view).toMatchObject({
      firstName: "Ana",
      lastName: "Lopez",
      publicName: "Ana L.",
      headline: "Patient piano teacher",
      yearsExperience: 12,
      languages: ["English", "Spanish"],
      timeZone: "America/Chicago",
      offersOnline: true,
      offersTravel: false,
      bufferMinutes: 10,
      minNoticeMinutes: 60,
      horizonDays: 60,
      backgroundCheck: { status: "pending", started: false },
      payoutStatus: "not_started",
    });
    // A partial update leaves the rest alone.
    expect(await caller.instructor.updateProfile({ yearsExperience: 13 })).toMatchObject({
      yearsExperience: 13,
      headline: "Patient piano teacher",
    });
    expect(await caller.instructor.myProfile()).toMatchObject({ yearsExperience: 13, bufferMinutes: 10 });
  });

  it("rejects invalid fields with BAD_REQUEST and a field error for each", async () => {
    const { caller } = await newInstructor();
    const err = await caller.instructor
      .updateProfile({
        headline: "h".repeat(121),
        bio: "b".repeat(4001),
        yearsExperience: 71,
        languages: Array.from({ length: 11 }, (_, i) => `Lang${i}`),
        timeZone: "Mars/Olympus",
        bufferMinutes: 7,
        minNoticeMinutes: 10081,
        horizonDays: 0,
      })
      .catch((e: unknown) => e);
    const fields = fieldErrorsOf(err);
    expect(Object.keys(fields).sort()).toEqual(
      [
        "bio",
        "bufferMinutes",
        "headline",
        "horizonDays",
        "languages",
        "minNoticeMinutes",
        "timeZone",
        "yearsExperience",
      ].sort(),
    );
    expect(fields.bufferMinutes).toEqual(["Use steps of 5 minutes"]);
    expect(fields.timeZone).toEqual(["Unknown time zone"]);
    const tooLong = await caller.instructor.updateProfile({ languages: ["x".repeat(41)] }).catch((e: unknown) => e);
    expect(fieldErrorsOf(tooLong)).toHaveProperty("languages");
    const tooMuchBuffer = await caller.instructor.updateProfile({ bufferMinutes: 125 }).catch((e: unknown) => e);
    expect(fieldErrorsOf(tooMuchBuffer).bufferMinutes).toEqual(["At most 120 minutes"]);
    // Nothing was stored.
    expect(await caller.instructor.myProfile()).toMatchObject({ headline: "", yearsExperience: 0, bufferMinutes: 15 });
  });

  it("refuses turning off a capability an active service still uses", async () => {
    const { caller } = await newInstructor();
    await caller.instructor.updateProfile({ offersTravel: true, offersOnline: true });
    await caller.instructor.addService(pianoService({ locationTypes: ["student_location", "online"] }));
    const err = await caller.instructor.updateProfile({ offersTravel: false }).catch((e: unknown) => e);
    expect(fieldErrorsOf(err).offersTravel?.[0]).toMatch(/Piano service is offered at the student's place/);
    expect((await caller.instructor.myProfile()).offersTravel).toBe(true);
    // Turning off one that no service uses is fine.
    expect((await caller.instructor.updateProfile({ offersAtLocation: false })).offersAtLocation).toBe(false);
  });

  it("sets service areas (boroughs or neighbourhoods that exist only)", async () => {
    const { caller } = await newInstructor();
    const ids = [fx.region("park-slope").id, fx.region("brooklyn").id, fx.region("park-slope").id];
    const areas = await caller.instructor.setServiceAreas({ regionIds: ids });
    expect(areas.map((a) => a.name).sort()).toEqual(["Brooklyn", "Park Slope"]);
    expect(
      fieldErrorsOf(await caller.instructor.setServiceAreas({ regionIds: [fx.cityId] }).catch((e: unknown) => e)),
    ).toHaveProperty("regionIds");
    const unknown = await caller.instructor
      .setServiceAreas({ regionIds: ["01ARZ3NDEKTSV4RRFFQ69G5FAV"] })
      .catch((e: unknown) => e);
    expect(fieldErrorsOf(unknown)).toHaveProperty("regionIds");
    const tooMany = await caller.instructor
      .setServiceAreas({ regionIds: Array.from({ length: 41 }, () => fx.region("soho").id) })
      .catch((e: unknown) => e);
    expect(fieldErrorsOf(tooMany)).toHaveProperty("regionIds");
    // The failed calls changed nothing; an empty list clears.
    expect((await caller.instructor.myProfile()).serviceAreas).toHaveLength(2);
    expect(await caller.instructor.setServiceAreas({ regionIds: [] })).toEqual([]);
  });

  it("stores the teaching address privately, a public point 25–50 m away, and the nearest neighbourhood", async () => {
    const { user, caller } = await newInstructor();
    const slope = fx.region("park-slope");
    const exact = { lat: slope.lat + 0.0011234, lng: slope.lng - 0.0009876 };
    const view = await caller.instructor.setTeachingAddress({ addressLine: " 417 7th Ave, Apt 2 ", ...exact });
    expect(view.address).toEqual({ line: "417 7th Ave, Apt 2", ...exact });
    expect(view.neighbourhood).toEqual({ id: slope.id, name: "Park Slope", borough: "Brooklyn" });

    const [row] = await rt.dbh.db.select().from(instructorProfiles).where(eq(instructorProfiles.userId, user.id));
    expect(row).toMatchObject({
      addressLine: "417 7th Ave, Apt 2",
      addressLat: exact.lat,
      addressLng: exact.lng,
      neighbourhoodId: slope.id,
    });
    const metres = distanceKm(exact.lat, exact.lng, row!.publicLat!, row!.publicLng!) * 1000;
    expect(metres).toBeGreaterThanOrEqual(24.9);
    expect(metres).toBeLessThanOrEqual(50.1);

    // Each new address gets a fresh random offset.
    await caller.instructor.setTeachingAddress({ addressLine: "417 7th Ave, Apt 2", ...exact });
    const [again] = await rt.dbh.db.select().from(instructorProfiles).where(eq(instructorProfiles.userId, user.id));
    expect([again!.publicLat, again!.publicLng]).not.toEqual([row!.publicLat, row!.publicLng]);

    const outside = await caller.instructor
      .setTeachingAddress({ addressLine: "Boston", lat: 42.36, lng: -71.06 })
      .catch((e: unknown) => e);
    expect(Object.keys(fieldErrorsOf(outside)).sort()).toEqual(["lat", "lng"]);
  });
});

describe("lesson services", () => {
  it("adds, lists, updates, and normalises a service", async () => {
    const { caller } = await newInstructor();
    await caller.instructor.updateProfile({ offersOnline: true });
    const s = await caller.instructor.addService(pianoService());
    expect(s).toMatchObject({
      subject: { slug: "piano", name: "Piano" },
      hourlyRateCents: 8000,
      currency: "USD",
      durations: [30, 60],
      locationTypes: ["online"],
      description: "Classical and pop piano.",
      isActive: true,
    });
    const updated = await caller.instructor.updateService({ id: s.id, hourlyRateCents: 9500, durations: [90, 45] });
    expect(updated).toMatchObject({
      id: s.id,
      hourlyRateCents: 9500,
      durations: [45, 90],
      description: "Classical and pop piano.",
    });
    expect(await caller.instructor.services()).toEqual([updated]);
  });

  it("validates rates, durations and locations", async () => {
    const { caller } = await newInstructor();
    await caller.instructor.updateProfile({ offersOnline: true });
    const bad = await caller.instructor
      .addService(
        pianoService({
          hourlyRateCents: 499,
          durations: [20],
          locationTypes: [],
          ageGroups: [],
          levels: ["expert"],
          description: "d".repeat(2001),
        }),
      )
      .catch((e: unknown) => e);
    expect(Object.keys(fieldErrorsOf(bad)).sort()).toEqual([
      "ageGroups",
      "description",
      "durations",
      "hourlyRateCents",
      "levels",
      "locationTypes",
    ]);
    expect(
      fieldErrorsOf(
        await caller.instructor.addService(pianoService({ hourlyRateCents: 100_001 })).catch((e: unknown) => e),
      ),
    ).toHaveProperty("hourlyRateCents");
    expect(
      fieldErrorsOf(await caller.instructor.addService(pianoService({ durations: [] })).catch((e: unknown) => e)),
    ).toHaveProperty("durations");
    expect(await caller.instructor.services()).toEqual([]);
  });

  it("allows only the location types the profile's capabilities allow", async () => {
    const { caller } = await newInstructor();
    await caller.instructor.updateProfile({ offersOnline: true });
    for (const [type, capability] of [
      ["student_location", "offersTravel"],
      ["neutral_location", "offersTravel"],
      ["instructor_location", "offersAtLocation"],
    ] as const) {
      const err = await caller.instructor
        .addService(pianoService({ locationTypes: ["online", type] }))
        .catch((e: unknown) => e);
      expect(fieldErrorsOf(err).locationTypes).toHaveLength(1);
      await caller.instructor.updateProfile({ [capability]: true });
      const ok = await caller.instructor.addService(pianoService({ locationTypes: ["online", type] }));
      expect(ok.locationTypes).toContain(type);
      await caller.instructor.removeService({ id: ok.id });
      await caller.instructor.updateProfile({ [capability]: false });
    }
    await caller.instructor.updateProfile({ offersOnline: false, offersTravel: true });
    const online = await caller.instructor
      .addService(pianoService({ locationTypes: ["online"] }))
      .catch((e: unknown) => e);
    expect(fieldErrorsOf(online).locationTypes?.[0]).toMatch(/Teach online/);
    // Updating a service to a location the profile doesn't offer is refused too.
    const s = await caller.instructor.addService(pianoService({ locationTypes: ["student_location"] }));
    const upd = await caller.instructor
      .updateService({ id: s.id, locationTypes: ["instructor_location"] })
      .catch((e: unknown) => e);
    expect(fieldErrorsOf(upd)).toHaveProperty("locationTypes");
  });

  it("keeps one active service per subject (CONFLICT)", async () => {
    const { caller } = await newInstructor();
    await caller.instructor.updateProfile({ offersOnline: true });
    await caller.instructor.addService(pianoService());
    await expect(caller.instructor.addService(pianoService({ hourlyRateCents: 5000 }))).rejects.toMatchObject({
      code: "CONFLICT",
    });
    // A different subject is fine.
    await caller.instructor.addService(pianoService({ subjectId: fx.subject("guitar").id }));
    expect((await caller.instructor.services()).map((s) => s.subject.slug)).toEqual(["guitar", "piano"]);
  });

  it("hard-deletes a service without bookings and only deactivates one with bookings", async () => {
    const { user, caller } = await newInstructor();
    await caller.instructor.updateProfile({ offersOnline: true });
    const unused = await caller.instructor.addService(pianoService({ subjectId: fx.subject("guitar").id }));
    expect(await caller.instructor.removeService({ id: unused.id })).toEqual({ id: unused.id, outcome: "deleted" });
    expect(await rt.dbh.db.select().from(instructorServices).where(eq(instructorServices.id, unused.id))).toEqual([]);

    const booked = await caller.instructor.addService(pianoService());
    await insertBooking(user.id, booked.id);
    expect(await caller.instructor.removeService({ id: booked.id })).toEqual({ id: booked.id, outcome: "deactivated" });
    const [row] = await rt.dbh.db.select().from(instructorServices).where(eq(instructorServices.id, booked.id));
    expect(row?.isActive).toBe(false);
    expect(await caller.instructor.services()).toMatchObject([{ id: booked.id, isActive: false }]);
    // Removing again stays a deactivation; the booking still points at an existing service.
    expect(await caller.instructor.removeService({ id: booked.id })).toEqual({ id: booked.id, outcome: "deactivated" });
    expect(
      await rt.dbh.db.select({ id: bookings.id }).from(bookings).where(eq(bookings.serviceId, booked.id)),
    ).toHaveLength(1);

    // While it's inactive a new Piano service may be added; then reactivating the old one conflicts.
    const replacement = await caller.instructor.addService(pianoService({ hourlyRateCents: 9000 }));
    await expect(caller.instructor.reactivateService({ id: booked.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await caller.instructor.removeService({ id: replacement.id });
    expect(await caller.instructor.reactivateService({ id: booked.id })).toMatchObject({
      id: booked.id,
      isActive: true,
    });
  });

  it("deactivates instead of deleting when a booking lands between the check and the delete", async () => {
    const { user, caller } = await newInstructor();
    await caller.instructor.updateProfile({ offersOnline: true });
    const s = await caller.instructor.addService(pianoService());
    await insertBooking(user.id, s.id);
    const db = rt.dbh.db;
    const repo = createInstructorRepository(db);
    // The check says "no bookings" (as it would just before a concurrent booking commits).
    const racing = createInstructorService({
      db,
      instructors: { ...repo, serviceHasBookings: async () => false },
      catalog: createCatalogRepository(db),
      audit: createAuditRepository(db),
      availability: { hasAvailabilityWithin: async () => true, invalidateSlots: async () => undefined },
      backgroundChecks: createLocalBackgroundCheck(),
      storage: createLocalStorage("/nonexistent"),
      limiters: rt.limiters,
      hashIp: (ip) => ip,
      maxUploadBytes: 1024,
    });
    const actor = (await rt.services.session.resolveActor(await sessionFor(rt, user)))!;
    expect(await racing.removeService(actor, { id: s.id })).toEqual({ id: s.id, outcome: "deactivated" });
    expect(await caller.instructor.services()).toMatchObject([{ id: s.id, isActive: false }]);
  });

  it("hides other instructors' services (NOT_FOUND) and refuses non-instructors (FORBIDDEN / UNAUTHORIZED)", async () => {
    const owner = await newInstructor();
    const other = await newInstructor();
    await owner.caller.instructor.updateProfile({ offersOnline: true });
    const s = await owner.caller.instructor.addService(pianoService());
    for (const call of [
      () => other.caller.instructor.updateService({ id: s.id, hourlyRateCents: 600 }),
      () => other.caller.instructor.removeService({ id: s.id }),
      () => other.caller.instructor.reactivateService({ id: s.id }),
    ]) {
      const err = (await call().catch((e: unknown) => e)) as TRPCError;
      expect(err.code).toBe("NOT_FOUND");
      expect(err.message).toBe("Service not found.");
    }
    // The same answer as for an id that doesn't exist at all.
    await expect(other.caller.instructor.removeService({ id: "01ARZ3NDEKTSV4RRFFQ69G5FAV" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Service not found.",
    });
    expect((await owner.caller.instructor.services())[0]).toMatchObject({ hourlyRateCents: 8000, isActive: true });

    const asStudent = await callerFor(rt, student);
    await expect(asStudent.instructor.addService(pianoService())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(asStudent.instructor.updateService({ id: s.id, hourlyRateCents: 600 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(asStudent.instructor.myProfile()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const anon = await callerFor(rt, null);
    await expect(anon.instructor.services()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("public profile", () => {
  it("never contains the last name, email, address line or exact coordinates", async () => {
    const lastName = "Zbrzezniak";
    const email = "hanna.private@example.test";
    const addressLine = "417 Secretgarden Place, Apt 9C";
    const exact = { lat: 40.6723456, lng: -73.9812345 };
    const { user, caller } = await newInstructor({ firstName: "Hanna", lastName, email });
    await caller.instructor.updateProfile({
      headline: "Jazz piano",
      bio: "Twenty years on stage.",
      offersOnline: true,
      offersAtLocation: true,
      languages: ["English", "Polish"],
    });
    await caller.instructor.setTeachingAddress({ addressLine, ...exact });
    await caller.instructor.setServiceAreas({ regionIds: [fx.region("park-slope").id, fx.region("brooklyn").id] });
    await caller.instructor.addService(pianoService({ locationTypes: ["online", "instructor_location"] }));

    const anon = await callerFor(rt, null);
    const profile = await anon.instructor.publicProfile({ id: user.id });
    expect(profile).toMatchObject({
      id: user.id,
      name: "Hanna Z.",
      headline: "Jazz piano",
      languages: ["English", "Polish"],
      neighbourhood: { name: "Park Slope", borough: "Brooklyn" },
      verified: false,
      listed: false,
      services: [
        {
          subject: { slug: "piano", name: "Piano" },
          hourlyRateCents: 8000,
          durations: [30, 60],
          locationTypes: ["instructor_location", "online"],
        },
      ],
    });
    expect(profile.serviceAreas.map((a) => a.name).sort()).toEqual(["Brooklyn", "Park Slope"]);
    // Public coordinates: the jittered point, rounded to 4 decimals.
    const [row] = await rt.dbh.db.select().from(instructorProfiles).where(eq(instructorProfiles.userId, user.id));
    expect(profile.location).toEqual({
      lat: Math.round(row!.publicLat! * 1e4) / 1e4,
      lng: Math.round(row!.publicLng! * 1e4) / 1e4,
    });
    expect(distanceKm(exact.lat, exact.lng, profile.location!.lat, profile.location!.lng) * 1000).toBeGreaterThan(15);

    const json = JSON.stringify(profile);
    for (const secret of [
      lastName,
      lastName.toLowerCase(),
      email,
      "hanna.private",
      addressLine,
      "Secretgarden",
      String(exact.lat),
      String(exact.lng),
      "40.672345",
      "-73.981234",
    ]) {
      expect(json).not.toContain(secret);
    }
    for (const key of [
      "lastName",
      "email",
      "phone",
      "address",
      "addressLine",
      "addressLat",
      "publicLat",
      "payoutStatus",
      "backgroundCheckRef",
    ]) {
      expect(json).not.toContain(`"${key}"`);
    }

    // The same holds for the list cards.
    await caller.instructor.setupPayouts();
    await openEveryDay(user.id);
    const list = await anon.instructor.publicList({ limit: 50 });
    const card = list.items.find((c) => c.id === user.id);
    expect(card).toMatchObject({
      name: "Hanna Z.",
      listed: true,
      fromRateCents: 8000,
      subjects: [{ slug: "piano", name: "Piano" }],
    });
    const cardJson = JSON.stringify(card);
    for (const secret of [lastName, email, addressLine, String(exact.lat), String(exact.lng)])
      expect(cardJson).not.toContain(secret);
  });

  it("is NOT_FOUND for unknown ids, students, and suspended instructors", async () => {
    const anon = await callerFor(rt, null);
    await expect(anon.instructor.publicProfile({ id: "01ARZ3NDEKTSV4RRFFQ69G5FAV" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(anon.instructor.publicProfile({ id: student.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(anon.instructor.publicProfile({ id: admin.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { user } = await newInstructor();
    expect((await anon.instructor.publicProfile({ id: user.id })).name).toBe("Test P.");
    await rt.dbh.db.update(users).set({ status: "suspended" }).where(eq(users.id, user.id));
    await expect(anon.instructor.publicProfile({ id: user.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(anon.instructor.publicProfile({ id: "not-an-id" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("listing checklist", () => {
  it("goes from unlisted to listed as the required items are completed", async () => {
    const { user, caller } = await newInstructor();
    const anon = await callerFor(rt, null);
    const required = async () =>
      Object.fromEntries(
        (await caller.instructor.checklist()).items.filter((i) => i.required).map((i) => [i.key, i.done]),
      );

    let c = await caller.instructor.checklist();
    expect(c.listed).toBe(false);
    expect(await required()).toEqual({ service: false, availability: false, background_check: true, payouts: false });
    expect(c.items.filter((i) => !i.required).map((i) => [i.key, i.done])).toEqual([
      ["headline", false],
      ["bio", false],
      ["photo", false],
      ["service_area", false],
    ]);

    await caller.instructor.updateProfile({ offersOnline: true, headline: "Guitar for grown-ups" });
    await caller.instructor.addService(pianoService({ subjectId: fx.subject("guitar").id }));
    expect(await required()).toEqual({ service: true, availability: false, background_check: true, payouts: false });
    await openEveryDay(user.id);
    expect(await required()).toEqual({ service: true, availability: true, background_check: true, payouts: false });
    expect((await caller.instructor.checklist()).listed).toBe(false);
    expect((await anon.instructor.publicProfile({ id: user.id })).listed).toBe(false);

    expect(await caller.instructor.setupPayouts()).toEqual({ payoutStatus: "active" });
    c = await caller.instructor.checklist();
    expect(c.listed).toBe(true);
    expect(c.items.find((i) => i.key === "headline")?.done).toBe(true);
    expect((await anon.instructor.publicProfile({ id: user.id })).listed).toBe(true);
    expect((await anon.instructor.publicList({ subjectSlug: "guitar", limit: 50 })).items.map((i) => i.id)).toContain(
      user.id,
    );

    // Deactivating the only service unlists the profile again.
    const [svc] = await caller.instructor.services();
    await caller.instructor.removeService({ id: svc!.id });
    expect((await caller.instructor.checklist()).listed).toBe(false);
    expect(
      (await anon.instructor.publicList({ subjectSlug: "guitar", limit: 50 })).items.map((i) => i.id),
    ).not.toContain(user.id);
  });

  it("browses listed instructors by subject and area, paginated by id", async () => {
    const slope = fx.region("park-slope");
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { user, caller } = await newInstructor();
      await caller.instructor.updateProfile({ offersOnline: true });
      await caller.instructor.addService(pianoService({ subjectId: fx.subject("cello").id }));
      await caller.instructor.setServiceAreas({
        regionIds: [i === 0 ? fx.region("brooklyn").id : i === 1 ? slope.id : fx.region("chelsea").id],
      });
      await caller.instructor.setupPayouts();
      await openEveryDay(user.id);
      made.push(user.id);
    }
    const anon = await callerFor(rt, null);
    const first = await anon.instructor.publicList({ subjectSlug: "cello", limit: 2 });
    expect(first.items.map((i) => i.id)).toEqual(made.slice(0, 2));
    expect(first.nextCursor).toBe(made[1]);
    const second = await anon.instructor.publicList({ subjectSlug: "cello", limit: 2, cursor: first.nextCursor! });
    expect(second).toEqual({ items: [expect.objectContaining({ id: made[2] })], nextCursor: null });
    // A neighbourhood is covered by its own area and by its borough; a borough by its neighbourhoods.
    expect(
      (await anon.instructor.publicList({ subjectSlug: "cello", regionId: slope.id, limit: 50 })).items.map(
        (i) => i.id,
      ),
    ).toEqual(made.slice(0, 2));
    expect(
      (
        await anon.instructor.publicList({ subjectSlug: "cello", regionId: fx.region("brooklyn").id, limit: 50 })
      ).items.map((i) => i.id),
    ).toEqual(made.slice(0, 2));
    expect(
      (
        await anon.instructor.publicList({ subjectSlug: "cello", regionId: fx.region("manhattan").id, limit: 50 })
      ).items.map((i) => i.id),
    ).toEqual([made[2]]);
    await expect(anon.instructor.publicList({ limit: 51 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("background check", () => {
  it("starts a check that the local provider passes after its delay", async () => {
    const { user, caller } = await newInstructor();
    expect(await caller.instructor.startBackgroundCheck()).toEqual({ status: "pending", started: true });
    expect((await caller.instructor.myProfile()).backgroundCheck).toEqual({ status: "pending", started: true });
    // Starting again neither restarts nor duplicates.
    const [{ ref }] = (await rt.dbh.db
      .select({ ref: instructorProfiles.backgroundCheckRef })
      .from(instructorProfiles)
      .where(eq(instructorProfiles.userId, user.id))) as [{ ref: string }];
    await caller.instructor.startBackgroundCheck();
    expect(
      (
        await rt.dbh.db
          .select({ ref: instructorProfiles.backgroundCheckRef })
          .from(instructorProfiles)
          .where(eq(instructorProfiles.userId, user.id))
      )[0]?.ref,
    ).toBe(ref);

    expect(await rt.services.instructors.refreshBackgroundCheck(user.id)).toBe("pending");
    skewMs = (LOCAL_BACKGROUND_CHECK_DELAY_SECONDS + 1) * 1000;
    try {
      expect(await rt.services.instructors.refreshBackgroundCheck(user.id)).toBe("passed");
    } finally {
      skewMs = 0;
    }
    expect((await caller.instructor.myProfile()).backgroundCheck.status).toBe("passed");
    const start = await rt.dbh.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "instructor.background_check.start"), eq(auditLog.targetId, user.id)));
    expect(start).toHaveLength(1);
  });

  it("lets an admin override the status, audit-logged; a failed check unlists", async () => {
    const { user, caller } = await newInstructor();
    await caller.instructor.updateProfile({ offersOnline: true });
    await caller.instructor.addService(pianoService());
    await caller.instructor.setupPayouts();
    await openEveryDay(user.id);
    expect((await caller.instructor.checklist()).listed).toBe(true);

    const adminCaller = await callerFor(rt, admin, "198.51.100.4");
    expect(
      await adminCaller.admin.setBackgroundCheck({ instructorId: user.id, status: "failed", note: "Record found" }),
    ).toEqual({
      instructorId: user.id,
      status: "failed",
    });
    const entries = await rt.dbh.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "admin.instructor.background_check"), eq(auditLog.targetId, user.id)));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: admin.id,
      targetType: "instructor",
      data: { from: "pending", to: "failed", note: "Record found" },
    });
    expect(entries[0]!.ipHash).toMatch(/^[0-9a-f]{16,}$/);
    expect(entries[0]!.ipHash).not.toContain("198.51.100.4");

    const c = await caller.instructor.checklist();
    expect(c.listed).toBe(false);
    expect(c.items.find((i) => i.key === "background_check")).toMatchObject({ done: false, required: true });
    await expect(caller.instructor.startBackgroundCheck()).rejects.toMatchObject({ code: "CONFLICT" });

    await adminCaller.admin.setBackgroundCheck({ instructorId: user.id, status: "passed" });
    expect((await (await callerFor(rt, null)).instructor.publicProfile({ id: user.id })).verified).toBe(true);

    await expect(caller.admin.setBackgroundCheck({ instructorId: user.id, status: "passed" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      adminCaller.admin.setBackgroundCheck({ instructorId: student.id, status: "passed" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
