/**
 * A small realistic world for the generic suites (fuzz, IDOR, output schemas) and the search-learning tests:
 * the gazetteer and catalog, two listed instructors with a service, availability and a service area, two students,
 * an admin with 2FA on, bookings (one upcoming, one completed with a review), and a conversation with a message.
 * Built through the database directly (fast) except where a router call is the simplest honest way.
 */
import { eq } from "drizzle-orm";
import { emptyDay, setRange } from "~/lib/availability/bitmap";
import { encryptSecret } from "~/server/auth/crypto";
import {
  availabilityPatterns,
  bookings,
  instructorProfiles,
  instructorServiceAreas,
  instructorServices,
  reviews,
  users,
} from "~/server/db/schema";
import type { UserRow } from "~/server/repositories/users";
import type { Runtime } from "~/server/runtime";
import { insertCatalogFixture, type CatalogFixture } from "./catalog-fixtures";
import { callerFor, createTestUser } from "./harness";

export type World = {
  catalog: CatalogFixture;
  /** Instructor A: piano in Park Slope, every day 08–20, the party of every booking and the conversation. */
  instructorA: UserRow;
  serviceA: string;
  /** Instructor B: guitar in Astoria; unrelated to A's students. */
  instructorB: UserRow;
  serviceB: string;
  /** Student A: booked with instructor A (upcoming + completed), reviewed, messaged. */
  studentA: UserRow;
  /** Student B: no relation to anyone. */
  studentB: UserRow;
  /** Admin with 2FA on (admin permissions require it). */
  admin: UserRow;
  upcomingBooking: string;
  completedBooking: string;
  review: string;
  conversation: string;
  message: string;
};

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, bits: setRange(emptyDay(), 8 * 60, 20 * 60) }));

/** Makes a listed instructor (profile complete, checks passed, payouts active) with one service and hours. */
async function listedInstructor(
  rt: Runtime,
  catalog: CatalogFixture,
  o: { first: string; last: string; hood: string; subject: string; rate: number },
) {
  const db = rt.dbh.db;
  const user = await createTestUser(rt, { role: "instructor", firstName: o.first, lastName: o.last });
  const hood = catalog.region(o.hood);
  await db
    .update(instructorProfiles)
    .set({
      headline: `${o.subject} teacher in ${hood.name}`,
      bio: `Patient ${o.subject} lessons for beginners and improvers. Private address and phone stay private.`,
      yearsExperience: 7,
      offersOnline: true,
      offersTravel: true,
      addressLine: `${o.first}'s private address 12B`,
      addressLat: hood.lat + 0.001,
      addressLng: hood.lng - 0.001,
      publicLat: hood.lat + 0.0013,
      publicLng: hood.lng - 0.0012,
      neighbourhoodId: hood.id,
      backgroundCheck: "passed",
      payoutStatus: "active",
      minNoticeMinutes: 60,
    })
    .where(eq(instructorProfiles.userId, user.id));
  const [svc] = await db
    .insert(instructorServices)
    .values({
      instructorId: user.id,
      subjectId: catalog.subject(o.subject).id,
      hourlyRateCents: o.rate,
      durations: [30, 60],
      locationTypes: ["online", "student_location"],
      ageGroups: ["kids", "adults"],
      levels: ["beginner", "intermediate"],
      description: `${o.subject} lessons: technique, reading and repertoire.`,
    })
    .returning();
  await db.insert(instructorServiceAreas).values({ instructorId: user.id, regionId: hood.id });
  await db.insert(availabilityPatterns).values(EVERY_DAY.map((p) => ({ instructorId: user.id, ...p })));
  return { user, serviceId: svc!.id };
}

/** Builds the world on an empty migrated database. `now` is the clock the world is relative to. */
export async function buildWorld(rt: Runtime, now = new Date()): Promise<World> {
  const db = rt.dbh.db;
  const catalog = await insertCatalogFixture(db);
  const a = await listedInstructor(rt, catalog, {
    first: "Maria",
    last: "Gonzalez-Private",
    hood: "park-slope",
    subject: "piano",
    rate: 6000,
  });
  const b = await listedInstructor(rt, catalog, {
    first: "Omar",
    last: "Quill-Private",
    hood: "astoria",
    subject: "guitar",
    rate: 5000,
  });
  const studentA = await createTestUser(rt, { role: "student", firstName: "Sam", lastName: "Carter-Private" });
  const studentB = await createTestUser(rt, { role: "student", firstName: "Ines", lastName: "Bloom-Private" });
  const admin = await createTestUser(rt, { role: "admin", firstName: "Ada", lastName: "Admin" });
  await db
    .update(users)
    .set({ totpSecretEnc: encryptSecret(rt.secret, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), totpEnabledAt: new Date() })
    .where(eq(users.id, admin.id));

  const hour = 3_600_000;
  // Upcoming: three days out at 15:00 UTC (10:00 or 11:00 in New York, inside A's hours).
  const upStart = new Date(Math.floor(now.getTime() / 86_400_000) * 86_400_000 + 3 * 86_400_000 + 15 * hour);
  const [up] = await db
    .insert(bookings)
    .values({
      studentId: studentA.id,
      instructorId: a.user.id,
      serviceId: a.serviceId,
      startAt: upStart,
      endAt: new Date(upStart.getTime() + hour),
      blockedUntil: new Date(upStart.getTime() + hour + 15 * 60_000),
      status: "confirmed",
      locationType: "online",
      priceCents: 6000,
      notes: "Private note from the student",
    })
    .returning();
  const pastStart = new Date(upStart.getTime() - 6 * 86_400_000);
  const [past] = await db
    .insert(bookings)
    .values({
      studentId: studentA.id,
      instructorId: a.user.id,
      serviceId: a.serviceId,
      startAt: pastStart,
      endAt: new Date(pastStart.getTime() + hour),
      blockedUntil: new Date(pastStart.getTime() + hour + 15 * 60_000),
      status: "completed",
      locationType: "online",
      priceCents: 6000,
    })
    .returning();
  const [review] = await db
    .insert(reviews)
    .values({
      bookingId: past!.id,
      studentId: studentA.id,
      instructorId: a.user.id,
      rating: 5,
      body: "Lovely teacher.",
    })
    .returning();
  await db
    .update(instructorProfiles)
    .set({ ratingAvg: 5, ratingCount: 1 })
    .where(eq(instructorProfiles.userId, a.user.id));

  const started = await (
    await callerFor(rt, studentA)
  ).conversations.start({
    otherUserId: a.user.id,
    message: { clientId: "world-first-message", body: "Hi! Do you teach beginners?" },
  });
  const conversation = started.conversation.id;
  const message = started.message?.id;
  if (!message) throw new Error("world: the first message was not sent");

  await rt.services.search.refreshIndex();
  return {
    catalog,
    instructorA: a.user,
    serviceA: a.serviceId,
    instructorB: b.user,
    serviceB: b.serviceId,
    studentA,
    studentB,
    admin,
    upcomingBooking: up!.id,
    completedBooking: past!.id,
    review: review!.id,
    conversation,
    message,
  };
}
