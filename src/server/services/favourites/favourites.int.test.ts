import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { favourites, users } from "~/server/db/schema";
import type { UserRow } from "~/server/repositories/users";
import { callerFor, createTestRuntime, createTestUser, type TestRuntime } from "~/test/harness";

let rt: TestRuntime;
let student: UserRow;
let teacherA: UserRow;
let teacherB: UserRow;
beforeAll(async () => {
  rt = await createTestRuntime();
  student = await createTestUser(rt, { role: "student" });
  teacherA = await createTestUser(rt, {
    role: "instructor",
    firstName: "Olu",
    lastName: "Adeyemi",
    email: "olu.private@example.test",
  });
  teacherB = await createTestUser(rt, { role: "instructor", firstName: "Kai", lastName: "Brandt" });
});
afterAll(async () => rt?.close());

const rowsFor = (studentId: string, instructorId: string) =>
  rt.dbh.db
    .select()
    .from(favourites)
    .where(and(eq(favourites.studentId, studentId), eq(favourites.instructorId, instructorId)));

describe("favourites", () => {
  it("adds idempotently, lists newest first as privacy-shaped cards, and removes idempotently", async () => {
    const caller = await callerFor(rt, student);
    expect(await caller.favourites.isFavourite({ instructorId: teacherA.id })).toBe(false);
    expect(await caller.favourites.add({ instructorId: teacherA.id })).toEqual({
      instructorId: teacherA.id,
      favourite: true,
    });
    expect(await caller.favourites.add({ instructorId: teacherA.id })).toEqual({
      instructorId: teacherA.id,
      favourite: true,
    });
    expect(await rowsFor(student.id, teacherA.id)).toHaveLength(1);
    await caller.favourites.add({ instructorId: teacherB.id });
    expect(await caller.favourites.isFavourite({ instructorId: teacherA.id })).toBe(true);

    const list = await caller.favourites.list();
    expect(list.map((c) => [c.id, c.name])).toEqual([
      [teacherB.id, "Kai B."],
      [teacherA.id, "Olu A."],
    ]);
    expect(list[0]!.savedAt).toBeInstanceOf(Date);
    const json = JSON.stringify(list);
    for (const secret of ["Adeyemi", "Brandt", "olu.private@example.test"]) expect(json).not.toContain(secret);

    expect(await caller.favourites.remove({ instructorId: teacherA.id })).toEqual({
      instructorId: teacherA.id,
      favourite: false,
    });
    expect(await caller.favourites.remove({ instructorId: teacherA.id })).toEqual({
      instructorId: teacherA.id,
      favourite: false,
    });
    expect(await rowsFor(student.id, teacherA.id)).toHaveLength(0);
    expect((await caller.favourites.list()).map((c) => c.id)).toEqual([teacherB.id]);
  });

  it("keeps each student's favourites separate and drops closed accounts from the list", async () => {
    const other = await createTestUser(rt, { role: "student" });
    const otherCaller = await callerFor(rt, other);
    expect(await otherCaller.favourites.list()).toEqual([]);
    await otherCaller.favourites.add({ instructorId: teacherB.id });
    const closing = await createTestUser(rt, { role: "instructor" });
    await otherCaller.favourites.add({ instructorId: closing.id });
    await rt.dbh.db.update(users).set({ status: "deleted" }).where(eq(users.id, closing.id));
    expect((await otherCaller.favourites.list()).map((c) => c.id)).toEqual([teacherB.id]);
    // Saving a closed account is refused like an unknown one.
    await otherCaller.favourites.remove({ instructorId: closing.id });
    await expect(otherCaller.favourites.add({ instructorId: closing.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses unknown instructors, students as targets, instructors as savers, and anonymous callers", async () => {
    const caller = await callerFor(rt, student);
    await expect(caller.favourites.add({ instructorId: "01ARZ3NDEKTSV4RRFFQ69G5FAV" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(caller.favourites.add({ instructorId: student.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const asInstructor = await callerFor(rt, teacherA);
    await expect(asInstructor.favourites.add({ instructorId: teacherB.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(asInstructor.favourites.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const anon = await callerFor(rt, null);
    await expect(anon.favourites.isFavourite({ instructorId: teacherB.id })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
