import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { favourites } from "~/server/db/schema";

/** Students' saved instructors. The primary key (student, instructor) makes saving idempotent. */
export function createFavouriteRepository(db: DbOrTx) {
  return {
    /** True when this call created the favourite, false when it already existed. */
    async add(studentId: string, instructorId: string): Promise<boolean> {
      const rows = await db
        .insert(favourites)
        .values({ studentId, instructorId })
        .onConflictDoNothing()
        .returning({ studentId: favourites.studentId });
      return rows.length === 1;
    },
    async remove(studentId: string, instructorId: string): Promise<boolean> {
      const rows = await db
        .delete(favourites)
        .where(and(eq(favourites.studentId, studentId), eq(favourites.instructorId, instructorId)))
        .returning({ studentId: favourites.studentId });
      return rows.length === 1;
    },
    async exists(studentId: string, instructorId: string): Promise<boolean> {
      const [row] = await db
        .select({ studentId: favourites.studentId })
        .from(favourites)
        .where(and(eq(favourites.studentId, studentId), eq(favourites.instructorId, instructorId)))
        .limit(1);
      return Boolean(row);
    },
    async countForStudent(studentId: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(favourites)
        .where(eq(favourites.studentId, studentId));
      return row?.n ?? 0;
    },
    /** Newest first. */
    async listForStudent(studentId: string, limit: number) {
      return db
        .select({ instructorId: favourites.instructorId, createdAt: favourites.createdAt })
        .from(favourites)
        .where(eq(favourites.studentId, studentId))
        .orderBy(desc(favourites.createdAt), desc(favourites.instructorId))
        .limit(limit);
    },
  };
}
export type FavouriteRepository = ReturnType<typeof createFavouriteRepository>;
