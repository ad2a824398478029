/**
 * Test-only: inserts the seed's gazetteer and catalog (no people) so integration tests get real places and
 * subjects with known slugs. Returns lookups by slug.
 */
import { newId } from "~/lib/ids";
import type { Database } from "~/server/db/client";
import type { Runtime } from "~/server/runtime";
import type { UserRow } from "~/server/repositories/users";
import { createTestUser } from "./harness";
import {
  availabilityPatterns,
  categories,
  instructorServices,
  regions,
  subjectAliases,
  subjects,
} from "~/server/db/schema";
import { emptyDay, setRange } from "~/lib/availability/bitmap";
import { BOROUGHS, CITY, NEIGHBOURHOODS } from "~/server/db/seed/data/gazetteer";
import { CATALOG } from "~/server/db/seed/data/catalog";

export type CatalogFixture = {
  cityId: string;
  region: (slug: string) => { id: string; lat: number; lng: number; name: string };
  subject: (slug: string) => { id: string; name: string };
  category: (slug: string) => string;
};

export async function insertCatalogFixture(db: Database): Promise<CatalogFixture> {
  const regionBySlug = new Map<string, { id: string; lat: number; lng: number; name: string }>();
  const cityId = newId();
  const rows: (typeof regions.$inferInsert)[] = [
    { id: cityId, slug: "new-york", name: CITY.name, kind: "city", lat: CITY.lat, lng: CITY.lng, radiusKm: 25 },
  ];
  for (const b of BOROUGHS) {
    const id = newId();
    regionBySlug.set(b.slug, { id, lat: b.lat, lng: b.lng, name: b.name });
    rows.push({
      id,
      slug: b.slug,
      name: b.name,
      kind: "borough",
      parentId: cityId,
      lat: b.lat,
      lng: b.lng,
      radiusKm: 8,
    });
  }
  for (const n of NEIGHBOURHOODS) {
    const id = newId();
    regionBySlug.set(n.slug, { id, lat: n.lat, lng: n.lng, name: n.name });
    rows.push({
      id,
      slug: n.slug,
      name: n.name,
      kind: "neighbourhood",
      parentId: regionBySlug.get(n.borough)!.id,
      lat: n.lat,
      lng: n.lng,
      radiusKm: n.radiusKm,
    });
  }
  await db.insert(regions).values(rows);

  const subjectBySlug = new Map<string, { id: string; name: string }>();
  const categoryBySlug = new Map<string, string>();
  let position = 0;
  for (const c of CATALOG) {
    const categoryId = newId();
    categoryBySlug.set(c.slug, categoryId);
    await db
      .insert(categories)
      .values({ id: categoryId, slug: c.slug, name: c.name, description: c.description, position: position++ });
    const subjectRows = c.subjects.map((s) => ({ id: newId(), categoryId, slug: s.slug, name: s.name }));
    subjectRows.forEach((s) => subjectBySlug.set(s.slug, { id: s.id, name: s.name }));
    await db.insert(subjects).values(subjectRows);
    const aliases = c.subjects.flatMap((s) =>
      s.aliases.map((alias) => ({ alias: alias.toLowerCase(), subjectId: subjectBySlug.get(s.slug)!.id })),
    );
    if (aliases.length) await db.insert(subjectAliases).values(aliases).onConflictDoNothing();
  }
  const get =
    <T>(m: Map<string, T>, kind: string) =>
    (slug: string) => {
      const v = m.get(slug);
      if (!v) throw new Error(`fixture has no ${kind} ${slug}`);
      return v;
    };
  return {
    cityId,
    region: get(regionBySlug, "region"),
    subject: get(subjectBySlug, "subject"),
    category: get(categoryBySlug, "category"),
  };
}

/** Open hours 08:00–20:00 on every weekday of the instructor's weekly pattern (in the instructor's zone). */
export async function insertOpenHoursEveryDay(db: Database, instructorId: string): Promise<void> {
  await db
    .insert(availabilityPatterns)
    .values(
      [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ instructorId, weekday, bits: setRange(emptyDay(), 8 * 60, 20 * 60) })),
    );
}

export type BookableServiceOptions = {
  hourlyRateCents?: number;
  durations?: number[];
  locationTypes?: (typeof instructorServices.$inferInsert)["locationTypes"];
};

/**
 * A bookable service for an instructor: a fresh category and subject, one active service (by default 60 min,
 * online, adults, $55/h) and open hours 08:00–20:00 every weekday in the instructor's zone. Returns the service id.
 */
export async function insertBookableService(
  db: Database,
  instructorId: string,
  opts: BookableServiceOptions = {},
): Promise<string> {
  await insertOpenHoursEveryDay(db, instructorId);
  const [cat] = await db
    .insert(categories)
    .values({ slug: `cat-${newId().toLowerCase()}`, name: "Music" })
    .returning();
  const [sub] = await db
    .insert(subjects)
    .values({ categoryId: cat!.id, slug: `sub-${newId().toLowerCase()}`, name: "Piano" })
    .returning();
  const [svc] = await db
    .insert(instructorServices)
    .values({
      instructorId,
      subjectId: sub!.id,
      hourlyRateCents: opts.hourlyRateCents ?? 5500,
      durations: opts.durations ?? [60],
      locationTypes: opts.locationTypes ?? ["online"],
      ageGroups: ["adults"],
      levels: ["beginner"],
    })
    .returning();
  return svc!.id;
}

/**
 * A new instructor account (via the harness's `createTestUser`) with one bookable service and open hours every
 * day (see `insertBookableService`). Returns the user and the service id.
 */
export async function createBookableInstructor(
  rt: Runtime,
  opts: BookableServiceOptions & { firstName?: string; lastName?: string } = {},
): Promise<{ user: UserRow; serviceId: string }> {
  const { firstName, lastName, ...service } = opts;
  const user = await createTestUser(rt, { role: "instructor", firstName, lastName });
  return { user, serviceId: await insertBookableService(rt.dbh.db, user.id, service) };
}
