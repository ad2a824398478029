import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { emptyDay, setRange } from "~/lib/availability/bitmap";
import { encryptSecret } from "~/server/auth/crypto";
import {
  auditLog,
  availabilityPatterns,
  bookings,
  categories,
  instructorProfiles,
  instructorServiceAreas,
  instructorServices,
  platformConfig,
  regionAliases,
  regions,
  searchClicks,
  searchEvents,
  subjectAliases,
  subjects,
  users,
} from "~/server/db/schema";
import { rowsOf } from "~/server/db/client";
import { seedDatabase } from "~/server/db/seed/seed";
import type { UserRow } from "~/server/repositories/users";
import { createSearchRepository } from "~/server/repositories/search";
import { createPlatformConfigRepository } from "~/server/repositories/platform-config";
import { createAuditRepository } from "~/server/repositories/audit";
import { createLocalEmbedder, ProviderTimeoutError, type Embedder, type LlmPort } from "~/server/integrations/openai";
import { callerFor, createTestRuntime, createTestUser, type TestRuntime } from "~/test/harness";
import { LABELLED_QUERIES } from "./__fixtures__/queries";
import { createSearchService } from "./search-service";
import { timeSpecKey } from "./time";
import type { SearchResponse } from "./views";

let rt: TestRuntime;
let admin: UserRow;
let student: UserRow;
/** Wednesday 2 December 2026, 10:00 in New York: every time phrase below resolves from here. */
const NOW = new Date("2026-12-02T15:00:00Z");
const now = () => NOW;
const ids: Record<string, string> = {};
let seedMs = 0;

/**
 * Theremin teachers (a subject only this file uses, so the seeded catalogue cannot interfere):
 *  A  $50  online + travels (Park Slope area), kids & adults, every day 08–20
 *  B  $90  studio only, in Park Slope, adults, every day 08–20
 *  C  $45  online, no published hours at all                       → never listed
 *  D  $40  online, background check failed                         → never listed
 *  E  $40  online, payouts not set up                              → never listed
 *  F  $60  travels (Astoria area), weekdays 09–12 only
 *  G  $55  online, Saturdays 10:00–11:30 only, and the coming Saturday 10–11 is booked
 */
async function addTheremin() {
  const db = rt.dbh.db;
  const [music] = await db.select().from(categories).where(eq(categories.slug, "music"));
  const [subject] = await db
    .insert(subjects)
    .values({ categoryId: music!.id, slug: "theremin", name: "Theremin" })
    .returning();
  await db.insert(subjectAliases).values({ alias: "etherwave", subjectId: subject!.id });
  const region = async (slug: string) => (await db.select().from(regions).where(eq(regions.slug, slug)))[0]!;
  const parkSlope = await region("park-slope");
  const astoria = await region("astoria");
  const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, bits: setRange(emptyDay(), 8 * 60, 20 * 60) }));
  const specs = [
    {
      key: "A",
      last: "Zimmermann",
      rate: 5000,
      types: ["online", "student_location"],
      ages: ["kids", "adults"],
      hood: parkSlope,
      areas: [parkSlope.id],
      pattern: everyDay,
    },
    {
      key: "B",
      last: "Oyelaran-Quist",
      rate: 9000,
      types: ["instructor_location"],
      ages: ["adults"],
      hood: parkSlope,
      areas: [],
      pattern: everyDay,
    },
    {
      key: "C",
      last: "Nopattern",
      rate: 4500,
      types: ["online"],
      ages: ["kids", "teens", "adults"],
      hood: parkSlope,
      areas: [],
      pattern: [],
    },
    {
      key: "D",
      last: "Failedcheck",
      rate: 4000,
      types: ["online"],
      ages: ["adults"],
      hood: parkSlope,
      areas: [],
      pattern: everyDay,
      bg: "failed" as const,
    },
    {
      key: "E",
      last: "Nopayouts",
      rate: 4000,
      types: ["online"],
      ages: ["adults"],
      hood: parkSlope,
      areas: [],
      pattern: everyDay,
      payout: "pending" as const,
    },
    {
      key: "F",
      last: "Weekdaysonly",
      rate: 6000,
      types: ["student_location"],
      ages: ["adults"],
      hood: astoria,
      areas: [astoria.id],
      pattern: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, bits: setRange(emptyDay(), 9 * 60, 12 * 60) })),
    },
    {
      key: "G",
      last: "Saturdaybooked",
      rate: 5500,
      types: ["online"],
      ages: ["adults"],
      hood: astoria,
      areas: [],
      pattern: [{ weekday: 6, bits: setRange(emptyDay(), 10 * 60, 11 * 60 + 30) }],
    },
  ];
  for (const s of specs) {
    const user = await createTestUser(rt, { role: "instructor", firstName: `Thera${s.key}`, lastName: s.last });
    ids[s.key] = user.id;
    await db
      .update(instructorProfiles)
      .set({
        headline: `Theremin teacher ${s.key}`,
        bio: "Electronic music pioneer instrument, played without touch. Patient lessons for curious beginners and performers alike.",
        offersOnline: s.types.includes("online"),
        offersTravel: s.types.includes("student_location"),
        offersAtLocation: s.types.includes("instructor_location"),
        addressLat: s.hood.lat + 0.0011,
        addressLng: s.hood.lng - 0.0013,
        publicLat: s.hood.lat + 0.0014,
        publicLng: s.hood.lng - 0.0011,
        neighbourhoodId: s.hood.id,
        backgroundCheck: s.bg ?? "passed",
        payoutStatus: s.payout ?? "active",
      })
      .where(eq(instructorProfiles.userId, user.id));
    const [svc] = await db
      .insert(instructorServices)
      .values({
        instructorId: user.id,
        subjectId: subject!.id,
        hourlyRateCents: s.rate,
        durations: [60],
        locationTypes: s.types,
        ageGroups: s.ages,
        levels: ["beginner", "intermediate"],
        description: `Theremin lessons with ${s.key}: vibrato, pitch control and film-score classics.`,
      })
      .returning();
    ids[`${s.key}svc`] = svc!.id;
    if (s.areas.length)
      await db.insert(instructorServiceAreas).values(s.areas.map((regionId) => ({ instructorId: user.id, regionId })));
    if (s.pattern.length)
      await db.insert(availabilityPatterns).values(s.pattern.map((p) => ({ instructorId: user.id, ...p })));
  }
  // G's only hours on the coming Saturday (5 Dec, 10:00–11:30 New York) are taken by a 10:00–11:00 booking (+15 min buffer).
  await db.insert(bookings).values({
    studentId: student.id,
    instructorId: ids.G!,
    serviceId: ids.Gsvc!,
    startAt: new Date("2026-12-05T15:00:00Z"),
    endAt: new Date("2026-12-05T16:00:00Z"),
    blockedUntil: new Date("2026-12-05T16:15:00Z"),
    status: "confirmed",
    locationType: "online",
    priceCents: 5500,
  });
}

beforeAll(async () => {
  // Search reads the fixed NOW (the seed's); the durable runner keeps the wall clock, as before.
  rt = await createTestRuntime({ now, events: { now: () => new Date() } });
  const t = Date.now();
  await seedDatabase(rt.dbh.db, rt.hasher, rt.secret, { now: NOW });
  seedMs = Date.now() - t;
  student = await createTestUser(rt, { role: "student" });
  admin = await createTestUser(rt, { role: "admin" });
  await rt.dbh.db
    .update(users)
    .set({ totpSecretEnc: encryptSecret(rt.secret, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), totpEnabledAt: new Date() })
    .where(eq(users.id, admin.id));
  await addTheremin();
  await rt.services.search.refreshIndex();
  console.log(`[${rt.label}] seed (incl. search documents) ${seedMs} ms`);
});
afterAll(async () => {
  await rt.services.search.idle();
  await rt?.close();
});

const search = async (q: string, extra: Record<string, unknown> = {}, ip = "203.0.113.7"): Promise<SearchResponse> =>
  (await callerFor(rt, null, ip)).search.instructors({ q, ...extra });
const theremins = (r: SearchResponse) =>
  r.cards.filter((c) => c.subject.slug === "theremin").map((c) => c.name.replace(/^Thera(\w).*$/, "$1"));

describe("filters exclude what they must", () => {
  it("lists only complete profiles: no hours, failed check or missing payouts never appear", async () => {
    const r = await search("theremin", { limit: 24 });
    expect(theremins(r).sort()).toEqual(["A", "B", "F", "G"]);
    expect(r.parsed.subject).toMatchObject({ slug: "theremin", source: "fast" });
    expect(r.total).toEqual({ value: 4, exact: true });
  });

  it("price: 'under $60' keeps $60 and below, drops the $90 studio", async () => {
    const r = await search("theremin under $60", { limit: 24 });
    expect(r.parsed.price).toMatchObject({ minCents: null, maxCents: 6000 });
    expect(theremins(r).sort()).toEqual(["A", "F", "G"]);
    for (const c of r.cards) expect(c.priceFromCents).toBeLessThanOrEqual(6000);
  });

  it("lesson type: online, at my home in Park Slope, at the studio in Park Slope", async () => {
    expect(theremins(await search("online theremin", { limit: 24 })).sort()).toEqual(["A", "G"]);
    const home = await search("theremin at my home in park slope", { limit: 24 });
    expect(home.parsed.lessonType?.value).toBe("student_location");
    expect(home.parsed.location).toMatchObject({ kind: "region", slug: "park-slope", tier: "exact" });
    expect(theremins(home)).toEqual(["A"]);
    expect(theremins(await search("theremin at the studio in park slope", { limit: 24 }))).toEqual(["B"]);
    // In person in Astoria: F travels there; A, G (online) and B (Park Slope studio) do not.
    expect(theremins(await search("in person theremin in astoria", { limit: 24 }))).toEqual(["F"]);
  });

  it("audience: for kids keeps only services that teach kids", async () => {
    expect(theremins(await search("theremin for my 8 year old", { limit: 24 }))).toEqual(["A"]);
  });

  it("availability inside the time window comes from the availability engine (hours, bookings, notice)", async () => {
    // Saturday morning: F teaches weekdays only, G's Saturday is booked; A and B have free Saturday mornings.
    const sat = await search("theremin saturday morning", { limit: 24 });
    expect(timeSpecKey(sat.parsed.time!.spec)).toBe("weekday:6|morning");
    expect(sat.parsed.time!.windows[0]!.from.toISOString()).toBe("2026-12-05T11:00:00.000Z");
    expect(theremins(sat).sort()).toEqual(["A", "B"]);
    for (const c of sat.cards) {
      expect(c.nextAvailable!.start.getTime()).toBeGreaterThanOrEqual(Date.parse("2026-12-05T11:00:00Z"));
      expect(c.nextAvailable!.start.getTime()).toBeLessThan(Date.parse("2026-12-05T17:00:00Z"));
    }
    // The Saturday after next is free for G ("saturdays" = the next four).
    expect(theremins(await search("theremin on saturdays", { limit: 24 })).sort()).toEqual(["A", "B", "G"]);
    // Weekday mornings include F.
    expect(theremins(await search("theremin weekday mornings", { limit: 24 })).sort()).toEqual(["A", "B", "F"]);
  });

  it("explicit filters (edited chips) override the parse, and null removes a chip", async () => {
    const r = await search("theremin under $60", { limit: 24, filters: { priceMaxCents: null, lessonType: "online" } });
    expect(r.parsed.price).toBeNull();
    expect(r.parsed.lessonType).toMatchObject({ value: "online", source: "filter" });
    expect(theremins(r).sort()).toEqual(["A", "G"]);
    const studio = await search("theremin", {
      limit: 24,
      filters: { location: { region: "park-slope" }, lessonType: "instructor_location" },
    });
    expect(theremins(studio)).toEqual(["B"]);
    await expect(search("theremin", { filters: { subject: "no-such-subject" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

describe("cards are public views", () => {
  it("carry 'First L.' and a neighbourhood, never a last name, an address or coordinates", async () => {
    const r = await search("theremin in park slope", { limit: 24 });
    expect(r.cards.length).toBeGreaterThan(0);
    const json = JSON.stringify(r);
    for (const last of ["Zimmermann", "Oyelaran", "Weekdaysonly", "Saturdaybooked"]) expect(json).not.toContain(last);
    const [profile] = await rt.dbh.db.select().from(instructorProfiles).where(eq(instructorProfiles.userId, ids.A!));
    for (const coord of [profile!.publicLat, profile!.publicLng, profile!.addressLat, profile!.addressLng])
      expect(json).not.toContain(String(coord).slice(0, 7));
    const a = r.cards.find((c) => c.id === ids.A)!;
    expect(a).toMatchObject({
      name: "TheraA Z.",
      neighbourhood: { name: "Park Slope", borough: "Brooklyn" },
      distanceBand: "under 1 km",
      verified: true,
    });
    expect(Object.keys(a).sort()).toEqual(
      [
        "clickToken",
        "currency",
        "distanceBand",
        "founding",
        "headline",
        "id",
        "lessonTypes",
        "name",
        "neighbourhood",
        "nextAvailable",
        "photoUrl",
        "position",
        "priceFromCents",
        "rating",
        "subject",
        "subjects",
        "verified",
        "yearsExperience",
      ].sort(),
    );
  });
});

describe("pages, sorting, cache and analytics", () => {
  it("pages with a cursor without repeats, and sorts by price", async () => {
    const first = await search("theremin", { limit: 2, sort: "price" });
    expect(first.cards.map((c) => c.priceFromCents)).toEqual([5000, 5500]);
    expect(first.nextCursor).not.toBeNull();
    const second = await search("theremin", { limit: 2, sort: "price", cursor: first.nextCursor });
    expect(second.cards.map((c) => c.priceFromCents)).toEqual([6000, 9000]);
    expect(second.cards.map((c) => c.position)).toEqual([3, 4]);
    expect(second.searchId).toBe(first.searchId);
    expect(second.nextCursor).toBeNull();
  });

  it("serves a repeated query from the results cache and records every search with a hashed IP", async () => {
    const a = await search("theremin lessons in park slope", {}, "198.51.100.1");
    const b = await search("theremin lessons in park slope", {}, "198.51.100.2");
    expect(a.diagnostics.cached).toBe(false);
    expect(b.diagnostics.cached).toBe(true);
    expect(b.cards.map((c) => c.id)).toEqual(a.cards.map((c) => c.id));
    expect(b.cards[0]!.nextAvailable!.start).toBeInstanceOf(Date);
    const rows = await rt.dbh.db
      .select()
      .from(searchEvents)
      .where(eq(searchEvents.normalised, "theremin lessons in park slope"));
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.cached).sort()).toEqual([false, true]);
    for (const r of rows) {
      expect(r.ipHash).toMatch(/^[0-9a-f]{32}$/);
      expect(r.ipHash).not.toContain("198.51.100");
      expect(r.resultCount).toBe(a.total.value);
    }
  });

  it("admin analytics list top and zero-result queries with the zero-result rate per day", async () => {
    await search("theremin on the moon tonight at 3am");
    await search("theremin on the moon tonight at 3am");
    const caller = await callerFor(rt, admin, "203.0.113.9");
    const a = await caller.admin.searchAnalytics({ days: 30 });
    expect(a.zeroResultQueries.map((z) => z.normalised)).toContain("theremin on the moon tonight at 3am");
    expect(a.topQueries.length).toBeGreaterThan(0);
    expect(a.totals.searches).toBe(a.perDay.reduce((n, d) => n + d.searches, 0));
    expect(a.totals.zeroResults).toBeGreaterThanOrEqual(2);
    for (const d of a.perDay) expect(d.zeroResultRate).toBeCloseTo(d.searches ? d.zeroResults / d.searches : 0, 2);
    await expect((await callerFor(rt, student)).admin.searchAnalytics({ days: 7 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("suggest", () => {
  it("completes subjects and places, at most 8", async () => {
    const caller = await callerFor(rt, null);
    const pi = await caller.search.suggest({ prefix: "pia" });
    expect(pi.suggestions[0]).toMatchObject({ kind: "subject", slug: "piano", label: "Piano" });
    const place = await caller.search.suggest({ prefix: "piano in park" });
    expect(place.suggestions[0]).toMatchObject({ kind: "location", slug: "park-slope", text: "piano in Park Slope" });
    expect(place.suggestions.every((s) => s.kind === "location")).toBe(true);
    expect((await caller.search.suggest({ prefix: "s" })).suggestions.length).toBeLessThanOrEqual(8);
    expect((await caller.search.suggest({ prefix: "" })).suggestions).toEqual([]);
  });
});

describe("location tiers and learned aliases", () => {
  it("records each tier with its confidence and time; fuzzy catches a typo", async () => {
    const r = await search("theremin in park slop");
    expect(r.diagnostics.locationTiers.map((t) => [t.tier, t.status])).toEqual([
      ["exact", "miss"],
      ["alias", "miss"],
      ["fuzzy", "hit"],
    ]);
    const fuzzy = r.diagnostics.locationTiers[2]!;
    expect(fuzzy.result?.slug).toBe("park-slope");
    expect(fuzzy.confidence).toBeGreaterThan(0.4);
    // The tier's time is measured around its database stage, inside the request's total.
    const stage = r.diagnostics.stages.find((x) => x.stage === "location.fuzzy");
    expect(stage).toMatchObject({ status: "hit" });
    expect(fuzzy.ms).toBeGreaterThan(0);
    expect(fuzzy.ms).toBeGreaterThanOrEqual(stage!.ms - 0.01);
    expect(fuzzy.ms).toBeLessThanOrEqual(r.diagnostics.totalMs);
    expect(r.parsed.location).toMatchObject({ kind: "region", slug: "park-slope", tier: "fuzzy" });
  });

  it("turns a place phrase into an alias after clicks from enough distinct people on one region", async () => {
    const q = "theremin near the old pond";
    const first = await search(q);
    expect(first.parsed.location).toMatchObject({ kind: "unresolved", term: "old pond" });
    expect(first.diagnostics.locationTiers.map((t) => t.tier)).toEqual(["exact", "alias", "fuzzy", "embedding", "llm"]);
    expect(first.diagnostics.locationTiers.at(-1)).toMatchObject({ tier: "llm", status: "unavailable" });
    const clickFrom = async (ip: string) => {
      const r = await search(q, {}, ip);
      const a = r.cards.find((c) => c.id === ids.A)!;
      await (
        await callerFor(rt, null, ip)
      ).search.logClick({ searchId: r.searchId, instructorId: a.id, position: a.position, token: a.clickToken });
    };
    // The same person three times, then a second person (another network): still not enough.
    for (let i = 0; i < 3; i++) await clickFrom("192.0.2.1");
    await clickFrom("198.51.100.2");
    const learned = () =>
      rt.dbh.db
        .select()
        .from(regionAliases)
        .where(and(eq(regionAliases.alias, "old pond"), eq(regionAliases.source, "learned")));
    expect(await learned()).toHaveLength(0);
    await clickFrom("203.0.113.3");
    const [alias] = await learned();
    const [parkSlope] = await rt.dbh.db.select().from(regions).where(eq(regions.slug, "park-slope"));
    expect(alias?.regionId).toBe(parkSlope!.id);
    const clicks = await rt.dbh.db.select().from(searchClicks).where(eq(searchClicks.locationTerm, "old pond"));
    expect(clicks).toHaveLength(5);
    // The next search knows the phrase (tier 2, learned) and filters by Park Slope.
    const after = await search("theremin near the old pond", { limit: 24 });
    expect(after.parsed.location).toMatchObject({ kind: "region", slug: "park-slope", tier: "alias" });
    expect(after.diagnostics.locationTiers.find((t) => t.tier === "alias")).toMatchObject({
      status: "hit",
      detail: "learned alias",
    });
    expect(theremins(after).sort()).toEqual(["A", "B"]);
  });

  it("refuses clicks on unknown searches", async () => {
    const caller = await callerFor(rt, null);
    await expect(
      caller.search.logClick({ searchId: "01ARZ3NDEKTSV4RRFFQ69G5FAV", instructorId: ids.A!, position: 1, token: "x" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("runtime config (admin)", () => {
  it("takes effect on the next search without a restart, is validated, audited and needs the permission with 2FA", async () => {
    const caller = await callerFor(rt, admin, "203.0.113.9");
    const before = await caller.admin.searchConfig.get();
    expect(before.config.budgetMs).toBe(500);
    const q = "patient theremin teacher with vibrato tricks";
    const r1 = await search(q);
    expect(r1.diagnostics.stages.find((s) => s.stage === "retrieve.vector")?.status).toBe("ok");

    const set = await caller.admin.searchConfig.set({
      overrides: { skipVector: true, simulateHighLoad: true },
      ranking: { weights: { relevance: 0.5 } },
    });
    expect(set.config.overrides).toMatchObject({ skipVector: true, simulateHighLoad: true, skipTier4: false });
    expect(set.config.ranking.weights).toMatchObject({ relevance: 0.5, quality: 0.2 });
    const r2 = await search(`${q} `.trim() + " now");
    expect(r2.skipped).toContainEqual({ stage: "retrieve.vector", reason: "override" });
    expect(r2.degraded).toBe(false); // a deliberate override is not a degradation
    expect(r2.diagnostics.budget).toMatchObject({ totalMs: 300, highLoad: true });

    const [row] = await rt.dbh.db.select().from(platformConfig).where(eq(platformConfig.key, "search"));
    expect((row!.value as { overrides: { skipVector: boolean } }).overrides.skipVector).toBe(true);
    const [audit] = await rt.dbh.db.select().from(auditLog).where(eq(auditLog.action, "search.config.update"));
    expect(audit).toMatchObject({ actorId: admin.id, targetId: "search" });

    await expect(caller.admin.searchConfig.set({ budgetMs: 5 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.admin.searchConfig.set({ nonsense: 1 } as never)).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect((await callerFor(rt, student)).admin.searchConfig.set({ budgetMs: 400 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    const reset = await caller.admin.searchConfig.reset();
    expect(reset.config).toEqual(reset.defaults);
    const r3 = await search(`${q} again`);
    expect(r3.diagnostics.stages.find((s) => s.stage === "retrieve.vector")?.status).toBe("ok");
  });

  it("diagnostics show the whole pipeline: timeline, tiers, budget, funnel and candidate signals", async () => {
    const caller = await callerFor(rt, admin, "203.0.113.9");
    const d = await caller.admin.runSearchDiagnostics({ q: "patient theremin teacher in park slop under $100" });
    expect(d.diagnostics.cached).toBe(false);
    expect(d.diagnostics.stages.map((s) => s.stage)).toEqual(
      expect.arrayContaining([
        "dictionary",
        "parse",
        "location",
        "location.fuzzy",
        "retrieve.lexical",
        "retrieve.vector",
        "features",
        "rank",
        "availability",
      ]),
    );
    expect(d.diagnostics.funnel.text).toBeGreaterThan(0);
    expect(d.diagnostics.funnel.final).toBe(d.cards.length);
    expect(d.diagnostics.budget.totalMs).toBe(500);
    expect(d.candidates[0]).toMatchObject({
      signals: expect.objectContaining({ relevance: expect.any(Number), quality: expect.any(Number) }) as unknown,
    });
    expect(d.parse.fast.location!.value).toBe("? park slop");
    expect(d.diagnostics.engines.vector).toBe(rt.dbh.capabilities.vector ? "pgvector" : "in_process");
    // Diagnostics are not analytics.
    const rows = await rt.dbh.db
      .select()
      .from(searchEvents)
      .where(eq(searchEvents.normalised, "patient theremin teacher in park slop under $100"));
    expect(rows).toHaveLength(0);
  });
});

describe("request budget", () => {
  /** A port that answers after `ms` (or never), honouring the caller's abort signal like the real adapter. */
  const slowLlm = (ms: number): LlmPort => ({
    kind: "openai",
    available: true,
    structured: (_req, opts) =>
      new Promise((resolve, reject) => {
        const t = setTimeout(() => resolve({}), ms);
        opts.signal?.addEventListener("abort", () => {
          clearTimeout(t);
          reject(new ProviderTimeoutError(opts.timeoutMs));
        });
      }),
  });
  const slowEmbedder = (ms: number): Embedder => {
    const local = createLocalEmbedder();
    return {
      kind: "openai",
      dims: 256,
      modelId: () => "slow-test-model",
      embed: (texts, opts) =>
        new Promise((resolve) => setTimeout(() => void local.embed(texts, opts).then(resolve), ms)),
    };
  };

  it("skips the slow optional stages, reports them and still answers within the budget", async () => {
    const db = rt.dbh.db;
    const service = createSearchService({
      db,
      repo: createSearchRepository(db),
      platformConfig: createPlatformConfigRepository(db),
      audit: createAuditRepository(db),
      cache: rt.cache,
      llm: slowLlm(5_000),
      embedder: slowEmbedder(5_000),
      capabilities: rt.dbh.capabilities,
      hashIp: (ip) => ip,
      sign: (payload) => `signed:${payload}`,
      now,
    });
    // A cold process first loads its dictionary and feature snapshot (required, not budgeted): warm them.
    await service.instructors({ q: "theremin" }, { ip: "203.0.113.50", actor: null });
    const t0 = performance.now();
    // An unknown place (→ embedding and LLM tiers) and descriptive words (→ vector retrieval).
    const r = await service.instructors(
      { q: "someone to teach theremin vibrato near the misty lagoon" },
      { ip: "203.0.113.50", actor: null },
    );
    const ms = performance.now() - t0;
    const timeline = r.diagnostics.stages.map((x) => `${x.stage}:${x.status}:${x.ms}`).join(" ");
    expect(r.degraded, timeline).toBe(true);
    const skipped = r.skipped.map((s) => s.stage);
    expect(skipped).toContain("location.embedding");
    expect(skipped).toContain("retrieve.vector");
    expect(r.cards.map((c) => c.subject.slug)).toContain("theremin");
    expect(ms, timeline).toBeLessThan(500 + 250);
    expect(r.diagnostics.budget.usedMs).toBeLessThan(500 + 250);
    // Degraded responses are not cached.
    const again = await service.instructors(
      { q: "someone to teach theremin vibrato near the misty lagoon" },
      { ip: "203.0.113.50", actor: null },
    );
    expect(again.diagnostics.cached).toBe(false);
  });

  it("asks the LLM only when unsure, and a timed-out parse degrades instead of failing", async () => {
    const db = rt.dbh.db;
    let calls = 0;
    const counting: LlmPort = {
      ...slowLlm(2_000),
      structured: (req, opts) => (calls++, slowLlm(2_000).structured(req, opts)),
    };
    const service = createSearchService({
      db,
      repo: createSearchRepository(db),
      platformConfig: createPlatformConfigRepository(db),
      audit: createAuditRepository(db),
      cache: rt.cache,
      llm: counting,
      embedder: createLocalEmbedder(),
      capabilities: rt.dbh.capabilities,
      hashIp: (ip) => ip,
      sign: (payload) => `signed:${payload}`,
      now,
    });
    const sure = await service.instructors({ q: "theremin in park slope" }, { ip: "203.0.113.51", actor: null }); // also warms the caches
    expect(calls).toBe(0);
    expect(sure.degraded).toBe(false);
    const unsure = await service.instructors({ q: "someone for ondes martenot" }, { ip: "203.0.113.51", actor: null });
    expect(calls).toBe(1);
    expect(unsure.skipped).toContainEqual({ stage: "llm.parse", reason: "timeout" });
    expect(unsure.degraded).toBe(true);
    expect(unsure.diagnostics.stages.find((s) => s.stage === "llm.parse")).toMatchObject({ status: "timeout" });
    expect(unsure.diagnostics.totalMs).toBeLessThan(500 + 250);
  });
});

describe("labelled corpus through the full understanding (fast parse + location tiers, no LLM)", () => {
  it("reports per-field accuracy; subject and location ≥ 95 %", async () => {
    const service = rt.services.search;
    const fields = ["subject", "location", "price", "audience", "time"] as const;
    const correct = Object.fromEntries(fields.map((f) => [f, 0])) as Record<(typeof fields)[number], number>;
    const misses: string[] = [];
    for (const item of LABELLED_QUERIES) {
      const { parsed: p } = await service.interpret({ q: item.q, zone: "America/New_York" });
      const got = {
        subject: p.subject?.slug ?? null,
        location: p.location?.kind === "region" ? p.location.slug : p.location?.kind === "near_me" ? "near_me" : null,
        price:
          p.price && (p.price.minCents !== null || p.price.maxCents !== null)
            ? [
                p.price.minCents === null ? null : p.price.minCents / 100,
                p.price.maxCents === null ? null : p.price.maxCents / 100,
              ]
            : null,
        audience: p.audience?.value ?? null,
        time: p.time ? timeSpecKey(p.time.spec) : null,
      };
      for (const f of fields) {
        if (JSON.stringify(got[f]) === JSON.stringify(item[f])) correct[f]++;
        else
          misses.push(
            `${f}: ${JSON.stringify(item.q)} expected ${JSON.stringify(item[f])} got ${JSON.stringify(got[f])}`,
          );
      }
    }
    const accuracy = Object.fromEntries(
      fields.map((f) => [f, Math.round((correct[f] / LABELLED_QUERIES.length) * 1000) / 10]),
    );
    console.log(
      `[${rt.label}] corpus with location tiers (${LABELLED_QUERIES.length} queries), accuracy %:`,
      accuracy,
      `\n  misses:\n  ${misses.join("\n  ")}`,
    );
    expect(accuracy.subject).toBeGreaterThanOrEqual(95);
    expect(accuracy.location).toBeGreaterThanOrEqual(95);
  });
});

describe("semantic retrieval", () => {
  it("finds services by description words, with pgvector or with the in-process fallback", async () => {
    const r = await search("vibrato film-score classics", { limit: 24 });
    const vector = r.diagnostics.stages.find((s) => s.stage === "retrieve.vector");
    expect(vector?.status).toBe("ok");
    expect(r.diagnostics.funnel.vector).toBeGreaterThan(0);
    // Relevance is one of six signals: the theremin services (whose text has every word) lead, all four are found.
    expect(r.cards.slice(0, 3).every((c) => c.subject.slug === "theremin")).toBe(true);
    expect(theremins(r).sort()).toEqual(["A", "B", "F", "G"]);
    expect(r.diagnostics.engines.vector).toBe(rt.dbh.capabilities.vector ? "pgvector" : "in_process");
    const vec = rowsOf<{ n: number }>(
      await rt.dbh.db.execute(sql`select count(*)::int as n from search_documents where embedding is not null`),
    );
    expect(Number(vec[0]!.n)).toBeGreaterThan(400);
  });
});
