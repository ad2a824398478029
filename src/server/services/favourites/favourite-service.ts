import type { FavouriteRepository } from "~/server/repositories/favourites";
import type { InstructorService } from "~/server/services/instructors/instructor-service";
import type { PublicInstructorCard } from "~/server/services/instructors/views";
import type { Actor } from "~/server/services/auth/session-service";
import { ConflictError, ForbiddenError, NotFoundError } from "~/server/errors";

/** A student keeps at most this many favourites (the list is one page). */
export const MAX_FAVOURITES = 200;

type Deps = { favourites: FavouriteRepository; instructors: Pick<InstructorService, "cardsByIds"> };

/** Students' saved instructors. Saving and removing are idempotent. */
export function createFavouriteService({ favourites, instructors }: Deps) {
  function assertStudent(actor: Actor) {
    if (!actor.permissions.has("favourite:manage:own")) throw new ForbiddenError("Only students can save instructors.");
  }

  return {
    /** Saves an instructor (an active instructor account); saving twice is the same as once; at most 200. */
    async add(actor: Actor, instructorId: string): Promise<{ instructorId: string; favourite: true }> {
      assertStudent(actor);
      const [card] = await instructors.cardsByIds([instructorId]);
      if (!card) throw new NotFoundError("We couldn't find that instructor.");
      if (
        !(await favourites.exists(actor.userId, instructorId)) &&
        (await favourites.countForStudent(actor.userId)) >= MAX_FAVOURITES
      ) {
        throw new ConflictError(`You can save up to ${MAX_FAVOURITES} instructors. Remove one first.`);
      }
      await favourites.add(actor.userId, instructorId);
      return { instructorId, favourite: true };
    },

    /** Forgets a saved instructor; removing one that isn't saved is not an error. */
    async remove(actor: Actor, instructorId: string): Promise<{ instructorId: string; favourite: false }> {
      assertStudent(actor);
      await favourites.remove(actor.userId, instructorId);
      return { instructorId, favourite: false };
    },

    /** Saved instructors as public cards, newest first (instructors whose accounts closed drop out). */
    async list(actor: Actor): Promise<(PublicInstructorCard & { savedAt: Date })[]> {
      assertStudent(actor);
      const saved = await favourites.listForStudent(actor.userId, MAX_FAVOURITES);
      const savedAt = new Map(saved.map((s) => [s.instructorId, s.createdAt]));
      const cards = await instructors.cardsByIds(saved.map((s) => s.instructorId));
      return cards.map((c) => ({ ...c, savedAt: savedAt.get(c.id)! }));
    },

    async isFavourite(actor: Actor, instructorId: string): Promise<boolean> {
      assertStudent(actor);
      return favourites.exists(actor.userId, instructorId);
    },
  };
}
export type FavouriteService = ReturnType<typeof createFavouriteService>;
