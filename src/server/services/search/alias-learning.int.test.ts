/**
 * Issue 9 item 5: search alias learning must not be poisonable. A made-up place phrase becomes an alias only
 * from clicks on results the search really returned (signed per card), by enough distinct clients (signed-in
 * users, or client networks), each of whom ran the search themselves; admins can list and remove learned aliases.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, regionAliases, searchClicks } from "~/server/db/schema";
import { callerFor, createTestRuntime, createTestUser, type TestRuntime } from "~/test/harness";
import { buildWorld, type World } from "~/test/world";

let rt: TestRuntime;
let w: World;

beforeAll(async () => {
  rt = await createTestRuntime();
  w = await buildWorld(rt);
});
afterAll(async () => {
  await rt?.close();
});

const learned = (alias: string) =>
  rt.dbh.db
    .select()
    .from(regionAliases)
    .where(and(eq(regionAliases.alias, alias), eq(regionAliases.source, "learned")));

type Who = { user?: Parameters<typeof callerFor>[1]; ip: string };
async function searchAs(who: Who, q: string) {
  return (await callerFor(rt, who.user ?? null, who.ip)).search.instructors({ q, limit: 24 });
}
/** Searches as `who`, then clicks instructor `id`'s card with the card's own token. */
async function searchAndClick(who: Who, q: string, id: string) {
  const r = await searchAs(who, q);
  const card = r.cards.find((c) => c.id === id);
  if (!card) throw new Error(`instructor ${id} not in the results of "${q}"`);
  return (await callerFor(rt, who.user ?? null, who.ip)).search.logClick({
    searchId: r.searchId,
    instructorId: card.id,
    position: card.position,
    token: card.clickToken,
  });
}

describe("search alias learning (poisoning)", () => {
  it("refuses clicks on instructors that were not in that search's results, and learns nothing from them", async () => {
    const q = "guitar near the silver pond";
    const first = await searchAs({ ip: "198.51.100.10" }, q);
    expect(first.parsed.location).toMatchObject({ kind: "unresolved", term: "silver pond" });
    // Instructor A teaches piano: not a result of a guitar search.
    expect(first.cards.map((c) => c.id)).not.toContain(w.instructorA.id);
    const guitarCard = first.cards.find((c) => c.id === w.instructorB.id)!;

    for (const [i, ip] of ["198.51.100.11", "203.0.113.50", "192.0.2.77", "100.64.9.9"].entries()) {
      const r = await searchAs({ ip }, q);
      const caller = await callerFor(rt, null, ip);
      // No token, a made-up token, and another card's token for the wrong instructor or position: all refused.
      const attempts = [
        { searchId: r.searchId, instructorId: w.instructorA.id, position: 1, token: "" },
        { searchId: r.searchId, instructorId: w.instructorA.id, position: 1, token: "0".repeat(32) },
        {
          searchId: r.searchId,
          instructorId: w.instructorA.id,
          position: guitarCard.position,
          token: r.cards[0]!.clickToken,
        },
        {
          searchId: first.searchId,
          instructorId: w.instructorB.id,
          position: guitarCard.position + 1 + i,
          token: guitarCard.clickToken,
        },
      ];
      for (const input of attempts)
        await expect(caller.search.logClick(input)).rejects.toMatchObject({
          code: expect.stringMatching(/^(BAD_REQUEST|NOT_FOUND)$/),
        });
    }
    expect(await learned("silver pond")).toHaveLength(0);
    const stored = await rt.dbh.db.select().from(searchClicks).where(eq(searchClicks.locationTerm, "silver pond"));
    expect(stored).toHaveLength(0);
  });

  it("one client can't teach: a signed-in user from many addresses, or one network's many addresses", async () => {
    const student = await createTestUser(rt, { role: "student" });
    for (const ip of ["198.51.100.21", "203.0.113.21", "192.0.2.21", "100.64.1.21", "172.16.5.21"]) {
      await searchAndClick({ user: student, ip }, "guitar near the copper meadow", w.instructorB.id);
    }
    for (let i = 1; i <= 5; i++)
      await searchAndClick({ ip: `198.51.100.${100 + i}` }, "guitar near the copper meadow", w.instructorB.id);
    expect(await learned("copper meadow")).toHaveLength(0);
  });

  it("a click counts only from the client that ran the search", async () => {
    const q = "guitar near the amber hollow";
    const r = await searchAs({ ip: "203.0.113.61" }, q);
    const card = r.cards.find((c) => c.id === w.instructorB.id)!;
    // The searcher's result ids and tokens replayed from three other networks: recorded, but they teach nothing.
    for (const ip of ["198.51.100.61", "192.0.2.61", "100.64.2.61"]) {
      await (
        await callerFor(rt, null, ip)
      ).search.logClick({
        searchId: r.searchId,
        instructorId: card.id,
        position: card.position,
        token: card.clickToken,
      });
    }
    expect(await learned("amber hollow")).toHaveLength(0);
  });

  it("distinct clients who each searched and clicked a real result teach the phrase; admins list and remove it (audited)", async () => {
    const q = "guitar near the willow bend";
    const people = await Promise.all([1, 2].map(() => createTestUser(rt, { role: "student" })));
    await searchAndClick({ user: people[0], ip: "198.51.100.71" }, q, w.instructorB.id);
    await searchAndClick({ user: people[1], ip: "198.51.100.72" }, q, w.instructorB.id);
    expect(await learned("willow bend")).toHaveLength(0);
    await searchAndClick({ ip: "203.0.113.73" }, q, w.instructorB.id);
    const [alias] = await learned("willow bend");
    expect(alias?.regionId).toBe(w.catalog.region("astoria").id);

    // It now filters searches and shows in suggestions.
    const after = await searchAs({ ip: "203.0.113.74" }, q);
    expect(after.parsed.location).toMatchObject({ kind: "region", slug: "astoria", tier: "alias" });
    const suggest = async () => (await callerFor(rt, null)).search.suggest({ prefix: "guitar near willow b" });
    expect((await suggest()).suggestions.map((s) => s.slug)).toContain("astoria");

    // Not for anyone but admins.
    for (const user of [w.studentA, w.instructorA]) {
      const caller = await callerFor(rt, user);
      await expect(caller.admin.searchAliases.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.admin.searchAliases.remove({ alias: "willow bend" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    const admin = await callerFor(rt, w.admin, "203.0.113.99");
    const list = await admin.admin.searchAliases.list();
    expect(list.aliases).toContainEqual(
      expect.objectContaining({ alias: "willow bend", regionName: "Astoria", clients: 3 }),
    );
    // Taught by: the two signed-in people by name (the third client was anonymous).
    const taught = list.aliases.find((a) => a.alias === "willow bend")!.taughtBy;
    expect(taught.map((t) => t.id).sort()).toEqual(people.map((p) => p.id).sort());
    expect(taught[0]!.name).toBe("Test Person");

    expect(await admin.admin.searchAliases.remove({ alias: "willow bend" })).toEqual({
      alias: "willow bend",
      removed: true,
    });
    expect(await learned("willow bend")).toHaveLength(0);
    const [entry] = await rt.dbh.db.select().from(auditLog).where(eq(auditLog.action, "search.alias.remove"));
    expect(entry).toMatchObject({ actorId: w.admin.id, targetType: "region_alias", targetId: "willow bend" });
    // Seed aliases can't be removed here, and a removed alias is gone from searches and suggestions at once.
    await expect(admin.admin.searchAliases.remove({ alias: "no such alias" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const again = await searchAs({ ip: "203.0.113.75" }, q);
    expect(again.parsed.location).toMatchObject({ kind: "unresolved", term: "willow bend" });
    expect((await suggest()).suggestions.map((s) => s.slug)).not.toContain("astoria");
    // The old votes don't bring it straight back: one more click is not enough.
    await searchAndClick({ ip: "192.0.2.76" }, q, w.instructorB.id);
    expect(await learned("willow bend")).toHaveLength(0);
  });
});
