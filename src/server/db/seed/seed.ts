/**
 * Deterministic demo dataset: the New York gazetteer, the catalog, ~300 instructors (× scale) with profiles,
 * services, prices, service areas and weekly availability, ~100 students (× scale), an admin with 2FA,
 * and some past and upcoming bookings. Same seed → same people, places, prices and calendars.
 */
import { sql } from "drizzle-orm";
import type { Database } from "~/server/db/client";
import { rowsOf } from "~/server/db/client";
import {
  availabilityPatterns,
  backupCodes,
  bookings,
  categories,
  instructorProfiles,
  instructorServiceAreas,
  instructorServices,
  regionAliases,
  regions,
  subjectAliases,
  subjects,
  users,
} from "~/server/db/schema";
import { newId } from "~/lib/ids";
import { distanceKm, jitterPoint, offsetPoint } from "~/lib/geo";
import { emptyDay, setRange } from "~/lib/availability/bitmap";
import { encryptSecret, sha256 } from "~/server/auth/crypto";
import { normalizeBackupCode } from "~/server/services/auth/auth-service";
import { BOROUGHS, CITY, NEIGHBOURHOODS } from "./data/gazetteer";
import { CATALOG, type SubjectSeed } from "./data/catalog";
import {
  BIO_TEMPLATES,
  CATEGORY_HEADLINE_TEMPLATES,
  FIRST_NAMES,
  HEADLINE_TEMPLATES,
  LANGUAGES,
  LAST_NAMES,
  STREET_NAMES,
  fillTemplate,
} from "./data/people";
import { createRng, type Rng } from "./data/random";
import { createSearchRepository } from "~/server/repositories/search";
import { createLocalEmbedder } from "~/server/integrations/openai";
import { refreshSearchDocuments } from "~/server/services/search/embeddings";
import { env } from "~/server/config/env";
import { seedDemoPayments } from "./payments";

export const DEMO_PASSWORD = "instainstru-demo";
export const DEMO_ACCOUNTS = {
  admin: "admin@instainstru.test",
  instructor: "instructor@instainstru.test",
  student: "student@instainstru.test",
} as const;
/** The demo admin's TOTP secret (add it to an authenticator app) and backup codes — demo data only. */
export const DEMO_ADMIN_TOTP_SECRET = "KRUGS4ZANFZSAYJAORSXG5BAONSWG4TF";
export const DEMO_ADMIN_BACKUP_CODES = Array.from({ length: 10 }, (_, i) => `demo${i}-admin`);

export type SeedOptions = {
  scale?: number;
  seed?: number;
  now?: Date;
  /**
   * Give every instructor with active payouts a completed local Connect account, so any lesson can be paid (the
   * demo scripts turn this on; tests keep the default: only the demo instructor, which is much faster).
   */
  connectAllInstructors?: boolean;
};
export type SeedSummary = {
  instructors: number;
  students: number;
  services: number;
  bookings: number;
  regions: number;
  subjects: number;
  ms: number;
};

type Hasher = { hash(password: string): Promise<string> };

const BATCH = 500;
async function insertBatched<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/** Whether the database already holds users (the demo seeds only an empty database). */
export async function isSeeded(db: Database): Promise<boolean> {
  const r = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from users`));
  return (r[0]?.n ?? 0) > 0;
}

const CATEGORY_WEIGHTS: Record<string, number> = {
  music: 30,
  tutoring: 25,
  languages: 15,
  "sports-fitness": 12,
  arts: 8,
  technology: 6,
  dance: 4,
};
const DURATION_SETS = [[30, 60], [45, 60, 90], [60], [30, 45, 60], [60, 90], [30, 45, 60, 90]];
const LEVEL_SETS = [
  ["beginner"],
  ["beginner", "intermediate"],
  ["beginner", "intermediate", "advanced"],
  ["intermediate", "advanced"],
];

/** Weekly availability shapes (weekday 1=Mon … 7=Sun → [startMinute, endMinute) windows). */
const PATTERNS: ((rng: Rng) => Map<number, [number, number][]>)[] = [
  () => new Map([1, 2, 3, 4, 5].map((d) => [d, [[16 * 60, 21 * 60]]])), // weekday evenings
  () => new Map([6, 7].map((d) => [d, [[9 * 60, 17 * 60]]])), // weekends
  () => new Map([1, 2, 3, 4, 5].map((d) => [d, [[9 * 60, 15 * 60]]])), // school-day daytime
  (rng) => {
    const m = new Map<number, [number, number][]>();
    for (const d of rng.sample([1, 2, 3, 4, 5, 6, 7], rng.int(3, 5))) {
      const start = rng.int(8, 13) * 60;
      m.set(
        d,
        rng.chance(0.5)
          ? [[start, start + rng.int(3, 5) * 60]]
          : [
              [start, start + 180],
              [start + 300, start + 480],
            ],
      );
    }
    return m;
  },
  () =>
    new Map([
      [
        2,
        [
          [10 * 60, 13 * 60],
          [17 * 60, 20 * 60],
        ],
      ],
      [4, [[17 * 60, 20 * 60]]],
      [6, [[8 * 60, 12 * 60]]],
      [7, [[13 * 60, 18 * 60]]],
    ]),
];

export async function seedDatabase(
  db: Database,
  hasher: Hasher,
  secret: string,
  opts: SeedOptions = {},
): Promise<SeedSummary> {
  const t0 = Date.now();
  const scale = Math.max(1, Math.floor(opts.scale ?? 1));
  const rng = createRng(opts.seed ?? 20261122);
  const now = opts.now ?? new Date();
  const passwordHash = await hasher.hash(DEMO_PASSWORD);

  // ── Gazetteer ──
  const cityId = newId();
  const boroughIds = new Map(BOROUGHS.map((b) => [b.slug, newId()]));
  const regionRows: (typeof regions.$inferInsert)[] = [
    { id: cityId, slug: "new-york", name: CITY.name, kind: "city", lat: CITY.lat, lng: CITY.lng, radiusKm: 25 },
    ...BOROUGHS.map((b) => ({
      id: boroughIds.get(b.slug)!,
      slug: b.slug,
      name: b.name,
      kind: "borough" as const,
      parentId: cityId,
      lat: b.lat,
      lng: b.lng,
      radiusKm: 8,
    })),
  ];
  const hoodIds = new Map<string, string>();
  for (const n of NEIGHBOURHOODS) {
    const id = newId();
    hoodIds.set(n.slug, id);
    regionRows.push({
      id,
      slug: n.slug,
      name: n.name,
      kind: "neighbourhood",
      parentId: boroughIds.get(n.borough),
      lat: n.lat,
      lng: n.lng,
      radiusKm: n.radiusKm,
    });
  }
  const aliasRows = new Map<string, string>();
  for (const b of BOROUGHS) for (const a of b.aliases) aliasRows.set(a.toLowerCase(), boroughIds.get(b.slug)!);
  for (const n of NEIGHBOURHOODS) for (const a of n.aliases) aliasRows.set(a.toLowerCase(), hoodIds.get(n.slug)!);
  await db.insert(regions).values(regionRows);
  await insertBatched(
    [...aliasRows].map(([alias, regionId]) => ({ alias, regionId, source: "seed" as const })),
    (c) => db.insert(regionAliases).values(c),
  );

  // ── Catalog ──
  const subjectIds = new Map<string, string>();
  const subjectCategory = new Map<string, string>();
  let position = 0;
  for (const c of CATALOG) {
    const categoryId = newId();
    await db
      .insert(categories)
      .values({ id: categoryId, slug: c.slug, name: c.name, description: c.description, position: position++ });
    const rows = c.subjects.map((s) => {
      const id = newId();
      subjectIds.set(s.slug, id);
      subjectCategory.set(s.slug, c.slug);
      return { id, categoryId, slug: s.slug, name: s.name };
    });
    await db.insert(subjects).values(rows);
    const aliases = c.subjects.flatMap((s) =>
      s.aliases.map((alias) => ({ alias: alias.toLowerCase(), subjectId: subjectIds.get(s.slug)! })),
    );
    if (aliases.length) await db.insert(subjectAliases).values(aliases).onConflictDoNothing();
  }

  // ── People ──
  const usedEmails = new Set<string>();
  const emailFor = (first: string, last: string, domain: string) => {
    const base = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "");
    let email = `${base}@${domain}`;
    for (let i = 2; usedEmails.has(email); i++) email = `${base}${i}@${domain}`;
    usedEmails.add(email);
    return email;
  };
  const userRows: (typeof users.$inferInsert)[] = [];
  const profileRows: (typeof instructorProfiles.$inferInsert)[] = [];
  const areaRows: (typeof instructorServiceAreas.$inferInsert)[] = [];
  const serviceRows: (typeof instructorServices.$inferInsert)[] = [];
  const patternRows: (typeof availabilityPatterns.$inferInsert)[] = [];

  const adminId = newId();
  usedEmails.add(DEMO_ACCOUNTS.admin);
  userRows.push({
    id: adminId,
    email: DEMO_ACCOUNTS.admin,
    passwordHash,
    emailVerifiedAt: new Date(),
    role: "admin",
    firstName: "Alex",
    lastName: "Admin",
    totpSecretEnc: encryptSecret(secret, DEMO_ADMIN_TOTP_SECRET),
    totpEnabledAt: now,
  });

  const categoriesByWeight = CATALOG.map((c) => [c, CATEGORY_WEIGHTS[c.slug] ?? 5] as const);
  const instructorCount = 300 * scale;
  const instructorIds: string[] = [];
  const servicesByInstructor = new Map<
    string,
    { id: string; rate: number; durations: number[]; locationTypes: string[] }[]
  >();

  for (let i = 0; i < instructorCount; i++) {
    const demo = i === 0;
    const first = demo ? "Maria" : rng.pick(FIRST_NAMES);
    const last = demo ? "Gonzalez" : rng.pick(LAST_NAMES);
    const id = newId();
    instructorIds.push(id);
    const category = demo ? CATALOG.find((c) => c.slug === "music")! : rng.weighted(categoriesByWeight);
    const primary: SubjectSeed = demo
      ? category.subjects.find((s) => s.slug === "piano")!
      : rng.pick(category.subjects);
    const hood = demo
      ? (NEIGHBOURHOODS.find((n) => n.slug === "park-slope") ?? rng.pick(NEIGHBOURHOODS))
      : rng.pick(NEIGHBOURHOODS);
    const years = rng.int(2, 25);
    const offersOnline = primary.online ? rng.chance(0.65) : rng.chance(0.15);
    const offersTravel = demo || rng.chance(0.55);
    const offersAtLocation = demo || rng.chance(0.45) || (!offersOnline && !offersTravel);
    const exact = offsetPoint(hood.lat, hood.lng, rng.float(0, hood.radiusKm * 600), rng.float(0, 2 * Math.PI));
    const pub = jitterPoint(exact.lat, exact.lng, () => rng.next());
    const headlineTemplates = [...HEADLINE_TEMPLATES, ...(CATEGORY_HEADLINE_TEMPLATES[category.slug] ?? [])];
    const vars = { subject: primary.name, years, first, neighbourhood: hood.name };
    userRows.push({
      id,
      email: demo ? DEMO_ACCOUNTS.instructor : emailFor(first, last, "instructors.instainstru.test"),
      passwordHash,
      emailVerifiedAt: new Date(),
      role: "instructor",
      firstName: first,
      lastName: last,
      createdAt: new Date(now.getTime() - rng.int(5, 700) * 86_400_000),
    });
    const bg = demo
      ? "passed"
      : rng.weighted([
          ["passed", 88],
          ["pending", 8],
          ["failed", 4],
        ] as const);
    profileRows.push({
      userId: id,
      headline: fillTemplate(rng.pick(headlineTemplates), vars),
      bio: fillTemplate(rng.pick(BIO_TEMPLATES), vars),
      photoUrl: null,
      yearsExperience: years,
      languages: [
        "English",
        ...(rng.chance(0.4)
          ? rng.sample(
              LANGUAGES.filter((l) => l !== "English"),
              rng.int(1, 2),
            )
          : []),
      ],
      timeZone: CITY.timeZone,
      offersTravel,
      offersAtLocation,
      offersOnline,
      addressLine: `${rng.int(10, 980)} ${rng.pick(STREET_NAMES)}, ${hood.name}`,
      addressLat: exact.lat,
      addressLng: exact.lng,
      publicLat: pub.lat,
      publicLng: pub.lng,
      neighbourhoodId: hoodIds.get(hood.slug),
      backgroundCheck: bg,
      payoutStatus: demo
        ? "active"
        : rng.weighted([
            ["active", 90],
            ["pending", 7],
            ["not_started", 3],
          ] as const),
      founding: demo || rng.chance(0.06),
    });
    // Service areas: home neighbourhood, plus the nearest ones for instructors who travel.
    const nearest = [...NEIGHBOURHOODS]
      .map((n) => ({ n, d: distanceKm(hood.lat, hood.lng, n.lat, n.lng) }))
      .sort((a, b) => a.d - b.d)
      .slice(0, offersTravel ? rng.int(3, 7) : 1);
    for (const { n } of nearest) areaRows.push({ instructorId: id, regionId: hoodIds.get(n.slug)! });

    const locationTypes = [
      ...(offersTravel ? ["student_location"] : []),
      ...(offersAtLocation ? ["instructor_location"] : []),
      ...(offersOnline ? ["online"] : []),
      ...(offersTravel && rng.chance(0.3) ? ["neutral_location"] : []),
    ];
    const extra = rng.sample(
      category.subjects.filter((s) => s.slug !== primary.slug),
      demo
        ? 1
        : rng.weighted([
            [0, 50],
            [1, 35],
            [2, 15],
          ] as const),
    );
    const mine: { id: string; rate: number; durations: number[]; locationTypes: string[] }[] = [];
    for (const s of [primary, ...extra]) {
      const [min, max] = s.typicalRateCents;
      const rate = Math.round(rng.int(min, max) / 500) * 500;
      const durations = [...rng.pick(DURATION_SETS)];
      const sid = newId();
      mine.push({ id: sid, rate, durations, locationTypes });
      serviceRows.push({
        id: sid,
        instructorId: id,
        subjectId: subjectIds.get(s.slug)!,
        hourlyRateCents: rate,
        durations,
        locationTypes,
        ageGroups: rng.sample(s.audiences, rng.int(1, s.audiences.length)),
        levels: [...rng.pick(LEVEL_SETS)],
        description: `${s.name} lessons with ${first}: ${rng.pick(["patient, structured", "fun, goal-oriented", "rigorous, exam-focused", "relaxed, confidence-building"])} teaching tailored to each student. ${years} years of experience.`,
      });
    }
    servicesByInstructor.set(id, mine);

    // About 5% have not published availability yet (their profiles are incomplete and unlisted).
    if (demo || rng.chance(0.95)) {
      const pattern = demo ? PATTERNS[4]!(rng) : rng.pick(PATTERNS)(rng);
      for (const [weekday, windows] of pattern) {
        let bits = emptyDay();
        for (const [s, e] of windows) bits = setRange(bits, s, Math.min(e, 1440));
        patternRows.push({ instructorId: id, weekday, bits });
      }
    }
  }

  const studentIds: string[] = [];
  const studentCount = 100 * scale;
  for (let i = 0; i < studentCount; i++) {
    const demo = i === 0;
    const first = demo ? "Sam" : rng.pick(FIRST_NAMES);
    const last = demo ? "Carter" : rng.pick(LAST_NAMES);
    const id = newId();
    studentIds.push(id);
    userRows.push({
      id,
      email: demo ? DEMO_ACCOUNTS.student : emailFor(first, last, "students.instainstru.test"),
      passwordHash,
      // Seeded people are verified (they book in demos and e2e); real sign-ups verify by the emailed link.
      emailVerifiedAt: new Date(),
      role: "student",
      firstName: first,
      lastName: last,
    });
  }

  await insertBatched(userRows, (c) => db.insert(users).values(c));
  await db
    .insert(backupCodes)
    .values(DEMO_ADMIN_BACKUP_CODES.map((c) => ({ userId: adminId, codeHash: sha256(normalizeBackupCode(c)) })));
  await insertBatched(profileRows, (c) => db.insert(instructorProfiles).values(c));
  await insertBatched(areaRows, (c) => db.insert(instructorServiceAreas).values(c));
  await insertBatched(serviceRows, (c) => db.insert(instructorServices).values(c));
  await insertBatched(patternRows, (c) => db.insert(availabilityPatterns).values(c));

  // ── Bookings: instructors' bookings fall on different days; a student is never booked twice at one time. ──
  const bookingRows: (typeof bookings.$inferInsert)[] = [];
  const dayMs = 86_400_000;
  const startOfToday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const studentBusy = new Map<string, Set<number>>();
  let slot = 0;
  for (const instructorId of instructorIds.slice(0, Math.ceil(instructorIds.length * 0.4))) {
    const svc = servicesByInstructor.get(instructorId)![0]!;
    for (const [n, past] of [
      [0, true],
      [1, true],
      [2, false],
    ] as const) {
      const k = slot++;
      const day = past ? -(1 + ((k + n * 7) % 60)) : 2 + (k % 19);
      const start = new Date(startOfToday + day * dayMs + (14 + (k % 9)) * 3_600_000); // 10:00–18:00 New York time
      let studentId = rng.pick(studentIds);
      while (studentBusy.get(studentId)?.has(start.getTime())) studentId = rng.pick(studentIds);
      if (!studentBusy.has(studentId)) studentBusy.set(studentId, new Set());
      studentBusy.get(studentId)!.add(start.getTime());
      const duration = svc.durations.includes(60) ? 60 : svc.durations[0]!;
      const end = new Date(start.getTime() + duration * 60_000);
      bookingRows.push({
        studentId,
        instructorId,
        serviceId: svc.id,
        startAt: start,
        endAt: end,
        bufferMinutes: 15,
        blockedUntil: new Date(end.getTime() + 15 * 60_000),
        status: past ? "completed" : "confirmed",
        locationType: svc.locationTypes[0] as (typeof bookings.$inferInsert)["locationType"],
        priceCents: Math.round((svc.rate * duration) / 60),
        completedAt: past ? new Date(end.getTime() + 3_600_000) : null,
      });
    }
  }
  await insertBatched(bookingRows, (c) => db.insert(bookings).values(c));

  // ── Demo payments on the local gateway (not with Stripe configured: those objects would have to live at Stripe). ──
  if (!env.STRIPE_SECRET_KEY) {
    await seedDemoPayments(db, {
      instructorEmail: DEMO_ACCOUNTS.instructor,
      studentEmail: DEMO_ACCOUNTS.student,
      appUrl: env.APP_URL,
      now,
      allActiveInstructors: opts.connectAllInstructors ?? false,
    });
  }

  // ── Search documents with local embeddings (~0.7 s per 300 instructors), so a fresh database is searchable at
  // once; with an OpenAI key configured, search re-embeds them in the background on first use. ──
  const searchRepo = createSearchRepository(db);
  await refreshSearchDocuments(searchRepo, createLocalEmbedder(), { withVector: await searchRepo.hasVectorColumn() });

  return {
    instructors: instructorCount,
    students: studentCount,
    services: serviceRows.length,
    bookings: bookingRows.length,
    regions: regionRows.length,
    subjects: subjectIds.size,
    ms: Date.now() - t0,
  };
}
