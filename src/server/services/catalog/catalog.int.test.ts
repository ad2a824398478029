import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyDay, setRange } from "~/lib/availability/bitmap";
import { availabilityPatterns, categories } from "~/server/db/schema";
import { CATALOG } from "~/server/db/seed/data/catalog";
import { BOROUGHS, NEIGHBOURHOODS } from "~/server/db/seed/data/gazetteer";
import { callerFor, createTestRuntime, createTestUser, type TestRuntime } from "~/test/harness";
import { insertCatalogFixture, type CatalogFixture } from "~/test/catalog-fixtures";

let rt: TestRuntime;
let fx: CatalogFixture;
beforeAll(async () => {
  rt = await createTestRuntime();
  fx = await insertCatalogFixture(rt.dbh.db);
});
afterAll(async () => rt?.close());

/** An instructor teaching the given subjects online; listed unless `listed: false` (then payouts stay unset). */
async function instructorTeaching(subjectSlugs: string[], listed = true) {
  const user = await createTestUser(rt, { role: "instructor" });
  const caller = await callerFor(rt, user);
  await caller.instructor.updateProfile({ offersOnline: true });
  for (const slug of subjectSlugs) {
    await caller.instructor.addService({
      subjectId: fx.subject(slug).id,
      hourlyRateCents: 7000,
      durations: [60],
      locationTypes: ["online"],
      ageGroups: ["adults"],
      levels: ["beginner"],
      description: "",
    });
  }
  await rt.dbh.db.insert(availabilityPatterns).values(
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      instructorId: user.id,
      weekday,
      bits: setRange(emptyDay(), 9 * 60, 18 * 60),
    })),
  );
  if (listed) await caller.instructor.setupPayouts();
  return user;
}

describe("catalog", () => {
  it("lists categories in position order with subjects by name and counts of listed instructors", async () => {
    await instructorTeaching(["piano", "guitar"]);
    await instructorTeaching(["piano"]);
    await instructorTeaching(["piano"], false); // not listed: payouts not set up
    await instructorTeaching(["spanish"]);

    const anon = await callerFor(rt, null);
    const cats = await anon.catalog.categories();
    expect(cats.map((c) => c.slug)).toEqual(CATALOG.map((c) => c.slug));
    const music = cats.find((c) => c.slug === "music")!;
    const names = music.subjects.map((s) => s.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(music.subjects.find((s) => s.slug === "piano")?.instructorCount).toBe(2);
    expect(music.subjects.find((s) => s.slug === "guitar")?.instructorCount).toBe(1);
    // One instructor teaching two music subjects counts once for the category.
    expect(music.instructorCount).toBe(2);
    expect(cats.find((c) => c.slug === "languages")?.instructorCount).toBe(1);
    expect(cats.reduce((n, c) => n + c.subjects.length, 0)).toBe(CATALOG.reduce((n, c) => n + c.subjects.length, 0));
  });

  it("caches the category list for a while (JSON in the cache)", async () => {
    const anon = await callerFor(rt, null);
    const before = await anon.catalog.categories();
    await rt.dbh.db.insert(categories).values({ slug: "cooking", name: "Cooking", position: -1 });
    expect(await anon.catalog.categories()).toEqual(before);
    expect(JSON.parse((await rt.cache.get("catalog:categories:v1"))!)).toEqual(before);
    await rt.cache.del("catalog:categories:v1");
    expect((await anon.catalog.categories())[0]?.slug).toBe("cooking");
  });

  it("returns one subject by slug with aliases, and NOT_FOUND for an unknown slug", async () => {
    const anon = await callerFor(rt, null);
    const piano = await anon.catalog.subject({ slug: "Piano" });
    expect(piano).toMatchObject({
      slug: "piano",
      name: "Piano",
      category: { slug: "music", name: "Music" },
      instructorCount: 2,
    });
    expect(piano.aliases).toContain("keys");
    await expect(anon.catalog.subject({ slug: "underwater-basket-weaving" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(anon.catalog.subject({ slug: "../etc" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("lists boroughs with their neighbourhoods and public fields only", async () => {
    const anon = await callerFor(rt, null);
    const boroughs = await anon.catalog.regions();
    expect(boroughs.map((b) => b.slug).sort()).toEqual(BOROUGHS.map((b) => b.slug).sort());
    expect(boroughs.reduce((n, b) => n + b.neighbourhoods.length, 0)).toBe(NEIGHBOURHOODS.length);
    const brooklyn = boroughs.find((b) => b.slug === "brooklyn")!;
    expect(brooklyn).toMatchObject({ kind: "borough", parentId: fx.cityId, id: fx.region("brooklyn").id });
    const slope = brooklyn.neighbourhoods.find((n) => n.slug === "park-slope")!;
    expect(slope).toEqual({
      id: fx.region("park-slope").id,
      slug: "park-slope",
      name: "Park Slope",
      kind: "neighbourhood",
      parentId: brooklyn.id,
      lat: 40.672,
      lng: -73.9778,
    });
    expect(Object.keys(slope).sort()).toEqual(["id", "kind", "lat", "lng", "name", "parentId", "slug"]);
  });
});
