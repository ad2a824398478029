import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { rowsOf } from "~/server/db/client";
import {
  bookings,
  dataExports,
  instructorProfiles,
  localGatewayObjects,
  messages,
  paymentCustomers,
  phoneVerifications,
  reviews,
  searchClicks,
  searchEvents,
  sessions,
  users,
} from "~/server/db/schema";
import { createTestClock } from "~/test/clock";
import { buildWorld, type World } from "~/test/world";
import { callerFor, createTestRuntime, createTestUser, TEST_PASSWORD, type TestRuntime } from "~/test/harness";
import type { UserRow } from "~/server/repositories/users";
import { saveCard } from "~/test/payments-fixtures";

const clock = createTestClock("2031-05-05T14:00:00Z");
let rt: TestRuntime;
let world: World;
const HOUR = 3_600_000;

beforeAll(async () => {
  rt = await createTestRuntime({ now: clock.now, events: { background: false } });
  world = await buildWorld(rt, clock.now());
});
afterAll(async () => rt?.close());

/** A search the person ran (their client key), with a click. */
async function searched(user: UserRow, query: string) {
  const [ev] = await rt.dbh.db
    .insert(searchEvents)
    .values({
      query,
      normalised: query.toLowerCase(),
      resultCount: 1,
      ms: 5,
      clientKey: `u:${user.id}`,
      locationTerm: query,
      ipHash: "iphash",
    })
    .returning();
  await rt.dbh.db.insert(searchClicks).values({
    searchId: ev!.id,
    instructorId: world.instructorA.id,
    position: 1,
    clientKey: `u:${user.id}`,
    locationTerm: query,
  });
  return ev!.id;
}

/** Books world's instructor at `daysAhead` days, 16:00 UTC (inside 08–20 New York). */
async function book(user: UserRow, serviceId: string, daysAhead: number, notes: string) {
  const day = Math.floor(clock.now().getTime() / 86_400_000) * 86_400_000;
  const paymentMethodId = await saveCard(rt, user);
  return (await callerFor(rt, user)).booking.create({
    paymentMethodId,
    instructorServiceId: serviceId,
    start: new Date(day + daysAhead * 86_400_000 + 16 * HOUR),
    durationMinutes: 60,
    location: { type: "online" },
    notes,
  });
}

/** Runs the export job and downloads the archive through the service (what the route handler does). */
async function exportOf(user: UserRow) {
  const api = await callerFor(rt, user);
  const requested = await api.account.requestExport();
  expect(requested.status).toBe("pending");
  await rt.events.runDue();
  const [ready] = await api.account.exports();
  expect(ready).toMatchObject({ id: requested.id, status: "ready" });
  const u = new URL(ready!.downloadPath!, "http://x");
  const file = await rt.services.privacy.downloadExport(user.id, {
    exportId: requested.id,
    expires: Number(u.searchParams.get("expires")),
    sig: u.searchParams.get("sig")!,
  });
  return {
    archive: JSON.parse(file.json) as Record<
      "bookings" | "messages" | "reviews" | "notifications" | "searchHistory",
      unknown[]
    > & {
      profile: Record<string, unknown>;
    },
    json: file.json,
    link: u,
    exportId: requested.id,
  };
}

describe("GDPR export", () => {
  it("contains everything about the user and nothing about anyone else; the link works once, for its owner", async () => {
    const a = world.studentA;
    const b = world.studentB;
    await searched(a, "piano near prospect park for sam");
    await searched(b, "guitar-for-ines-only");
    const bBooking = await book(b, world.serviceB, 5, "Ines-private-note");
    await (
      await callerFor(rt, b)
    ).conversations.start({
      otherUserId: world.instructorB.id,
      message: { clientId: "ines-msg-1", body: "Ines secret message body" },
    });
    await rt.services.notifications.notify({
      userId: a.id,
      category: "lesson_updates",
      kind: "t",
      title: "For Sam only",
    });
    await rt.services.notifications.notify({
      userId: b.id,
      category: "lesson_updates",
      kind: "t",
      title: "For Ines only",
    });

    const { archive, json, link, exportId } = await exportOf(a);
    expect(archive.profile).toMatchObject({ id: a.id, email: a.email, first_name: "Sam" });
    expect(archive.bookings.map((x) => (x as { id: string }).id).sort()).toEqual(
      [world.upcomingBooking, world.completedBooking].sort(),
    );
    expect(archive.messages.map((m) => (m as { id: string }).id)).toContain(world.message);
    expect(archive.reviews.map((r) => (r as { id: string }).id)).toEqual([world.review]);
    expect(archive.notifications.map((n) => (n as { title: string }).title)).toEqual(["For Sam only"]);
    expect(archive.searchHistory.map((s) => (s as { query: string }).query)).toEqual([
      "piano near prospect park for sam",
    ]);
    for (const key of ["payments", "credits", "favourites", "sessions", "notificationPreferences"])
      expect(archive).toHaveProperty(key);
    // No one else's data: not B's, and not the instructor's private details; no secrets.
    for (const foreign of [
      b.id,
      b.email,
      bBooking.id,
      "Ines",
      "guitar-for-ines-only",
      "For Ines only",
      "private address",
      world.instructorA.email,
    ])
      expect(json).not.toContain(foreign);
    expect(json).not.toContain("argon2");

    // Once: the archive is gone after the first download.
    await expect(
      rt.services.privacy.downloadExport(a.id, {
        exportId,
        expires: Number(link.searchParams.get("expires")),
        sig: link.searchParams.get("sig")!,
      }),
    ).rejects.toMatchObject({ kind: "not_found" });
    const [row] = await rt.dbh.db.select().from(dataExports).where(eq(dataExports.id, exportId));
    expect(row).toMatchObject({ status: "downloaded", archive: null });
  });

  it("refuses another signed-in user, a forged signature and an expired link", async () => {
    const a = world.studentA;
    const api = await callerFor(rt, a);
    const { id } = await api.account.requestExport();
    await rt.events.runDue();
    const view = (await api.account.exports()).find((e) => e.id === id)!;
    const u = new URL(view.downloadPath!, "http://x");
    const expires = Number(u.searchParams.get("expires"));
    const sig = u.searchParams.get("sig")!;
    await expect(
      rt.services.privacy.downloadExport(world.studentB.id, { exportId: id, expires, sig }),
    ).rejects.toMatchObject({ kind: "not_found" });
    await expect(
      rt.services.privacy.downloadExport(a.id, { exportId: id, expires: expires + 1, sig }),
    ).rejects.toMatchObject({ kind: "not_found" });
    clock.advance(24 * HOUR + 1000);
    await expect(rt.services.privacy.downloadExport(a.id, { exportId: id, expires, sig })).rejects.toMatchObject({
      kind: "not_found",
    });
    expect((await api.account.exports()).find((e) => e.id === id)).toMatchObject({
      status: "expired",
      downloadPath: null,
    });
  });
});

/** Every text/varchar/jsonb/array column of every table, and the ones holding any marker. */
async function sweep(markers: string[]): Promise<string[]> {
  const cols = rowsOf<{ table_name: string; column_name: string }>(
    await rt.dbh.db.execute(sql`
      select c.table_name, c.column_name from information_schema.columns c
      join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
        and (c.data_type in ('text', 'character varying', 'character', 'jsonb', 'json') or c.data_type = 'ARRAY')
      order by c.table_name, c.column_name`),
  );
  expect(cols.length).toBeGreaterThan(50);
  const hits: string[] = [];
  for (const { table_name: t, column_name: c } of cols) {
    for (const m of markers) {
      const [r] = rowsOf<{ n: number }>(
        await rt.dbh.db.execute(
          sql`select count(*)::int as n from ${sql.identifier(t)} where strpos(${sql.identifier(c)}::text, ${m}) > 0`,
        ),
      );
      if (r!.n > 0) hits.push(`${t}.${c} ∋ ${m} (${r!.n})`);
    }
  }
  return hits;
}

describe("account deletion", () => {
  it("asks for the password (and the 2FA code when on)", async () => {
    const u = await createTestUser(rt);
    await expect((await callerFor(rt, u)).account.deleteAccount({ password: "wrong password!" })).rejects.toMatchObject(
      { code: "BAD_REQUEST" },
    );
    expect((await rt.dbh.db.select().from(users).where(eq(users.id, u.id)))[0]!.status).toBe("active");
  });

  it("cancels future lessons by policy, keeps accounting rows, and leaves no personal data in any table", async () => {
    // A student and an instructor with distinctive details, active everywhere.
    const student = await createTestUser(rt, {
      firstName: "Quorvexa",
      lastName: "Zyndrapol",
      email: "quorvexa.zyndrapol@example.test",
    });
    const instructor = world.instructorB;
    await rt.dbh.db
      .update(users)
      .set({ firstName: "Brixelda", lastName: "Vantongeren", phone: "+15550100888" })
      .where(eq(users.id, instructor.id));
    await rt.dbh.db
      .update(instructorProfiles)
      .set({ bio: "Bio-Xylophant-marker teaches guitar", headline: "Brixelda plays", addressLine: "Addr-Xylophant 1" })
      .where(eq(instructorProfiles.userId, instructor.id));
    await rt.services.search.refreshIndex();
    await rt.dbh.db
      .update(users)
      .set({ phone: "+15550100777", phoneVerifiedAt: clock.now() })
      .where(eq(users.id, student.id));
    await rt.dbh.db
      .insert(phoneVerifications)
      .values({ userId: student.id, phone: "+15550100777", codeHash: "h", expiresAt: clock.now() });

    const sApi = await callerFor(rt, student);
    const upcomingA = await book(student, world.serviceA, 6, "Notes-Quorvexa-marker meet at my flat");
    const upcomingB = await book(world.studentB, world.serviceB, 7, "lesson with Brixelda");
    await rt.events.runDue(); // lifecycle notifications and system messages quoting names
    const { conversation } = await sApi.conversations.start({
      otherUserId: world.instructorA.id,
      message: { clientId: "quorvexa-msg-1", body: "Hi Maria, Quorvexa here: Message-Quorvexa-marker" },
    });
    await (
      await callerFor(rt, world.instructorA)
    ).conversations.send({
      conversationId: conversation.id,
      clientId: "maria-msg-1",
      body: "Hello Quorvexa, see you soon",
    });
    await (
      await callerFor(rt, world.studentB)
    ).conversations.start({
      otherUserId: instructor.id,
      message: { clientId: "ines-msg-2", body: "Hi Brixelda!" },
    });
    const past = new Date(clock.now().getTime() - 3 * 86_400_000);
    const [done] = await rt.dbh.db
      .insert(bookings)
      .values({
        studentId: student.id,
        instructorId: world.instructorA.id,
        serviceId: world.serviceA,
        startAt: past,
        endAt: new Date(past.getTime() + HOUR),
        blockedUntil: new Date(past.getTime() + HOUR),
        status: "completed",
        locationType: "online",
        priceCents: 6000,
      })
      .returning();
    await rt.dbh.db.insert(reviews).values({
      bookingId: done!.id,
      studentId: student.id,
      instructorId: world.instructorA.id,
      rating: 4,
      body: "Review-Quorvexa-marker",
    });
    // A lesson the instructor gave, reviewed, with the instructor's reply signed with their name.
    const [given] = await rt.dbh.db
      .insert(bookings)
      .values({
        studentId: world.studentB.id,
        instructorId: instructor.id,
        serviceId: world.serviceB,
        startAt: past,
        endAt: new Date(past.getTime() + HOUR),
        blockedUntil: new Date(past.getTime() + HOUR),
        status: "completed",
        locationType: "online",
        priceCents: 5000,
      })
      .returning();
    await rt.dbh.db.insert(reviews).values({
      bookingId: given!.id,
      studentId: world.studentB.id,
      instructorId: instructor.id,
      rating: 5,
      body: "Great",
      reply: "Thanks, from Brixelda",
    });
    await searched(student, "Search-Quorvexa-marker piano");
    await rt.services.notifications.notify({
      userId: student.id,
      category: "lesson_updates",
      kind: "t",
      title: "Hi Quorvexa",
    });
    await rt.services.notifications.notify({
      userId: world.instructorA.id,
      category: "lesson_updates",
      kind: "t",
      title: "New booking from Quorvexa Z.",
    });
    await (await callerFor(rt, null)).auth.requestPasswordReset({ email: student.email }); // mail in the outbox
    await sApi.account.requestExport(); // an archive full of it
    await rt.events.runDue();

    const markers = [
      "Quorvexa",
      "Zyndrapol",
      "quorvexa.zyndrapol",
      "5550100777",
      "Brixelda",
      "Vantongeren",
      "5550100888",
      "Xylophant",
      instructor.email.split("@")[0]!,
    ];
    expect((await sweep(markers)).length).toBeGreaterThan(10); // the sweep does see them

    await (await callerFor(rt, student)).account.deleteAccount({ password: TEST_PASSWORD });
    await (await callerFor(rt, instructor)).account.deleteAccount({ password: TEST_PASSWORD });
    await rt.events.runDue();

    expect(await sweep(markers)).toEqual([]);

    // The payment gateway's copy went too: the customer is deleted there and keeps no saved card.
    const [customer] = await rt.dbh.db.select().from(paymentCustomers).where(eq(paymentCustomers.userId, student.id));
    expect(customer).toBeDefined();
    expect(await rt.payments.listCards(customer!.stripeCustomerId)).toEqual([]);
    const [gatewayCopy] = await rt.dbh.db
      .select()
      .from(localGatewayObjects)
      .where(eq(localGatewayObjects.id, customer!.stripeCustomerId));
    expect(gatewayCopy!.data).toEqual({
      id: customer!.stripeCustomerId,
      object: "customer",
      deleted: true,
      created: expect.any(Number),
    });

    // Accounting rows stay, with the person replaced; future lessons were cancelled through the booking service.
    const [s] = await rt.dbh.db.select().from(users).where(eq(users.id, student.id));
    expect(s).toMatchObject({ status: "deleted", email: `deleted-${student.id}@invalid`, phone: null });
    const kept = await rt.dbh.db.select().from(bookings).where(eq(bookings.studentId, student.id));
    expect(kept.map((b) => b.id).sort()).toEqual([upcomingA.id, done!.id].sort());
    expect(kept.find((b) => b.id === upcomingA.id)).toMatchObject({ status: "cancelled", notes: "" });
    expect((await rt.dbh.db.select().from(bookings).where(eq(bookings.id, upcomingB.id)))[0]).toMatchObject({
      status: "cancelled",
      cancelledBy: "instructor",
    });
    const [sent] = await rt.dbh.db
      .select()
      .from(messages)
      .where(and(eq(messages.senderId, student.id), eq(messages.clientId, "quorvexa-msg-1")));
    expect(sent!.body).toBe("[deleted]");
    expect(await rt.dbh.db.select().from(sessions).where(eq(sessions.userId, student.id))).toEqual([]);
    await expect(
      (await callerFor(rt, null)).auth.login({ email: "quorvexa.zyndrapol@example.test", password: TEST_PASSWORD }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
