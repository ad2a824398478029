/**
 * IDOR sweep (issue 9): every procedure whose input carries an id of something someone owns (found by key name
 * in its zod input: bookingId, conversationId, messageId, reviewId, instructorId, id, …) is called with the
 * ids of student A's and instructor A's things by an unrelated student and an unrelated instructor (neither
 * is an admin). Owner-only procedures must answer FORBIDDEN or NOT_FOUND; procedures that are public by design
 * (an explicit list below) may answer, but nothing private of A's may be in the answer. Either way A's rows are
 * unchanged (snapshotted before and after every call). The walk is dynamic: new routers are swept automatically.
 */
import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "~/server/db/client";
import { baseline, type KnownValues } from "~/test/fuzz-inputs";
import { changedTables, fingerprint } from "~/test/db-snapshot";
import { callerFor, createTestRuntime, TEST_PASSWORD, type TestRuntime } from "~/test/harness";
import { listProcedures, procedureOf, type ProcedureInfo } from "~/test/router-walk";
import { buildWorld, type World } from "~/test/world";
import type { ZodType } from "zod";

/** Keys that name something with an owner. */
const OWNED_KEY = /(^id$|Id$|Ids$)/;
/** Ids of shared reference data (places, subjects): not owned, so not what this sweep is about. */
const REFERENCE_KEYS = new Set([
  "regionId",
  "regionIds",
  "subjectId",
  "categoryId",
  "lastEventId",
  "upToMessageId",
  "rescheduledFromId",
]);

/**
 * Public by design: the id names a public thing (an instructor's profile, slots, reviews, the service one books)
 * or a person one may contact. These may succeed for anyone; their answers are still checked for A's private data.
 */
const PUBLIC_BY_DESIGN: Record<string, string> = {
  "instructor.publicProfile": "an instructor's public profile",
  "availability.getSlots": "bookable starts of a listed service",
  "availability.nextAvailable": "an instructor's next free start",
  "booking.quote": "the price of a listed service",
  "booking.create": "booking a listed service (as the caller)",
  "booking.reviews": "an instructor's public reviews",
  "favourites.add": "saving a listed instructor",
  "favourites.remove": "un-saving an instructor",
  "favourites.isFavourite": "the caller's own saved state",
  "conversations.start": "contacting an instructor (students); instructors are refused without a booking",
  "search.logClick": "a click on a search result (refused without the card's token)",
  "reports.review":
    "reporting a published review to the moderators (anyone signed in; files a report, changes nothing of A's)",
  "auth.verifySecondFactor": "a sign-in challenge is a bearer secret of the password step; a wrong code must fail",
};

/** Public-by-design procedures that must still refuse, with the code they refuse with. */
const MUST_REFUSE_WITH: Record<string, string[]> = {
  "auth.verifySecondFactor": ["UNAUTHORIZED"],
  "search.logClick": ["NOT_FOUND"],
};

/** Per-procedure meaning of an ambiguous `id`. */
const ID_OF: Record<string, (w: World) => string> = {
  "instructor.publicProfile": (w) => w.instructorA.id,
};

let rt: TestRuntime;
let w: World;
let known: KnownValues;
let privateStrings: string[];
const snapshots: string[] = [];
/** Student B and instructor B: signed in, unrelated to A, not admins. */
let strangers: [string, unknown][] = [];

beforeAll(async () => {
  rt = await createTestRuntime({ events: { background: false } });
  w = await buildWorld(rt);
  rt.limiters = () => ({
    consume: async () => ({ ok: true as const, state: { consumed: 0, remaining: 1, retryAfterSeconds: 0 } }),
    get: async () => null,
    block: async () => undefined,
    reset: async () => undefined,
  });
  const search = await (await callerFor(rt, w.studentA, "198.51.100.9")).search.instructors({ q: "piano lessons" });
  // A's card (confirmed) and a second, unconfirmed card setup; the admin's pending sign-in challenge.
  const pay = (await callerFor(rt, w.studentA, "198.51.100.9")).payments;
  const card = await pay.confirmLocalCard({
    ...(await pay.startCardSetup()),
    number: "4242424242424242",
    expMonth: 12,
    expYear: 2030,
    cvc: "123",
  });
  const pendingSetup = await pay.startCardSetup();
  const login = await (
    await callerFor(rt, null, "198.51.100.9")
  ).auth.login({ email: w.admin.email, password: TEST_PASSWORD });
  const monday = new Date(Date.now() + 7 * 86_400_000);
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  const start = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 5 * 86_400_000 + 16 * 3_600_000);
  known = {
    bookingId: w.upcomingBooking,
    conversationId: w.conversation,
    messageId: w.message,
    reviewId: w.review,
    instructorId: w.instructorA.id,
    instructorServiceId: w.serviceA,
    serviceId: w.serviceA,
    id: w.serviceA,
    otherUserId: w.instructorA.id,
    userId: w.studentA.id,
    searchId: search.searchId,
    start,
    newStart: new Date(start.getTime() + 86_400_000),
    __date: start,
    from: start,
    to: new Date(start.getTime() + 7 * 86_400_000),
    duration: 60,
    durationMinutes: 60,
    location: { type: "online" },
    weekStart: monday.toISOString().slice(0, 10),
    setupIntentId: pendingSetup.setupIntentId,
    clientSecret: pendingSetup.clientSecret,
    paymentMethodId: card.paymentMethodId,
    number: "4242424242424242",
    expMonth: 12,
    expYear: 2030,
    cvc: "123",
    challengeId: login.status === "two_factor_required" ? login.challengeId : "missing-challenge",
    code: "000000",
    body: "Sneaky message",
    reply: "Sneaky reply",
    reason: "Sneaky",
    clientId: "idor-client-0001",
    emoji: "👍",
    rating: 1,
    position: 1,
    token: "x",
    status: "failed",
    state: "trashed",
    hourlyRateCents: 500,
  };
  strangers = [
    ["unrelated student", await callerFor(rt, w.studentB, "198.51.100.77")],
    ["unrelated instructor", await callerFor(rt, w.instructorB, "198.51.100.78")],
  ];
  const [a] = rowsOf<{ email: string }>(
    await rt.dbh.db.execute(sql`select email from users where id = ${w.instructorA.id}`),
  );
  privateStrings = [
    "Gonzalez-Private",
    "Carter-Private",
    "private address 12B",
    "Private note from the student",
    "Hi! Do you teach beginners?",
    a!.email,
    w.studentA.email,
  ];
});
afterAll(async () => {
  console.log(`[idor ${rt?.label}] ${snapshots.length} calls swept`);
  await rt?.close();
});

/** A's rows: the bookings, review, conversation and its messages and read state, A's service, profile and account. */
async function rowsOfA(): Promise<string> {
  const rows = rowsOf<{ r: string }>(
    await rt.dbh.db.execute(sql`
      select b::text as r from bookings b where b.student_id = ${w.studentA.id} or b.instructor_id = ${w.instructorA.id}
      union all select r::text from reviews r where r.id = ${w.review}
      union all select c::text from conversations c where c.id = ${w.conversation}
      union all select m::text from messages m where m.conversation_id = ${w.conversation}
      union all select s::text from conversation_user_state s where s.conversation_id = ${w.conversation}
      union all select x::text from message_reactions x where x.message_id = ${w.message}
      union all select s::text from instructor_services s where s.instructor_id = ${w.instructorA.id}
      union all select p::text from instructor_profiles p where p.user_id = ${w.instructorA.id}
      union all select p::text from availability_patterns p where p.instructor_id = ${w.instructorA.id}
      union all select u::text from users u where u.id in (${w.studentA.id}, ${w.instructorA.id})
      order by 1`),
  );
  return rows.map((r) => r.r).join("\n");
}

function ownedKeys(schema: ZodType | null): string[] {
  if (!schema) return [];
  const keys: string[] = [];
  const visit = (s: ZodType, depth: number) => {
    let cur = s as unknown as { _zod: { def: Record<string, unknown> } };
    for (let i = 0; i < 8; i++) {
      const d = cur._zod.def;
      if (["optional", "nullable", "default", "prefault", "readonly", "catch"].includes(d.type as string))
        cur = d.innerType as typeof cur;
      else if (d.type === "pipe") cur = d.in as typeof cur;
      else break;
    }
    const d = cur._zod.def;
    if (d.type === "object" && depth < 3) {
      for (const [k, v] of Object.entries(d.shape as Record<string, ZodType>)) {
        if (OWNED_KEY.test(k) && !REFERENCE_KEYS.has(k)) keys.push(k);
        visit(v, depth + 1);
      }
    }
  };
  visit(schema, 0);
  return keys;
}

const swept = listProcedures().filter((p) => p.type !== "subscription" && ownedKeys(p.input).length > 0);

describe("IDOR sweep", () => {
  it("finds the procedures that take owned ids", () => {
    const paths = swept.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "booking.get",
        "booking.cancel",
        "conversations.history",
        "conversations.edit",
        "booking.updateReview",
        "instructor.updateService",
      ]),
    );
  });

  it("the public-by-design list names only swept procedures", () => {
    const paths = new Set(swept.map((p) => p.path));
    expect(Object.keys(PUBLIC_BY_DESIGN).filter((path) => !paths.has(path))).toEqual([]);
  });

  for (const p of swept) {
    it(`${p.path} (${ownedKeys(p.input).join(", ")})`, async () => {
      const problems = await sweep(p);
      expect(problems, `${p.path}: another user reached A's data`).toEqual([]);
    });
  }
});

async function sweep(p: ProcedureInfo): Promise<string[]> {
  const input = baseline(p.input!, { ...known, ...(ID_OF[p.path] ? { id: ID_OF[p.path]!(w) } : {}) });
  const problems: string[] = [];
  for (const [role, caller] of strangers) {
    const call = procedureOf(caller, p.path);
    const before = await rowsOfA();
    const everything = await fingerprint(rt);
    let result: unknown;
    let error: unknown = null;
    try {
      result = await call(input);
    } catch (e) {
      error = e;
    }
    snapshots.push(p.path);
    const after = await rowsOfA();
    if (after !== before) problems.push(`${role}: A's rows changed`);
    const code = error instanceof TRPCError ? error.code : error ? "non-tRPC error" : "OK";
    if (code === "INTERNAL_SERVER_ERROR" || code === "non-tRPC error")
      problems.push(`${role}: ${code} (${error instanceof Error ? error.message : ""})`);
    const detail = error instanceof Error ? ` (${error.message.slice(0, 200)})` : "";
    if (p.path in PUBLIC_BY_DESIGN) {
      const text = JSON.stringify(result ?? null);
      for (const s of privateStrings)
        if (text.includes(s)) problems.push(`${role}: the answer contains A's private "${s}"`);
      const refuse = MUST_REFUSE_WITH[p.path];
      if (refuse && !refuse.includes(code))
        problems.push(`${role}: expected ${refuse.join(" or ")}, got ${code}${detail}`);
    } else {
      if (code !== "FORBIDDEN" && code !== "NOT_FOUND")
        problems.push(`${role}: expected FORBIDDEN or NOT_FOUND, got ${code}${detail}`);
      // Refused: nothing anywhere may have changed.
      const changed = changedTables(everything, await fingerprint(rt));
      if (changed.length) problems.push(`${role}: the refused call changed ${changed.join(", ")}`);
    }
  }
  return problems;
}
