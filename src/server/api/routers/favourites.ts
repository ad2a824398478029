import { z } from "zod";
import { createTRPCRouter, permissionProcedure } from "~/server/api/trpc";
import { ZFavouriteAdded, ZFavouriteCard, ZFavouriteRemoved, ZInstructorIdInput } from "./favourites.schemas";

const own = permissionProcedure("favourite:manage:own");

/** Students' saved instructors (idempotent add/remove). */
export const favouritesRouter = createTRPCRouter({
  add: own
    .input(ZInstructorIdInput)
    .output(ZFavouriteAdded)
    .mutation(({ ctx, input }) => ctx.services.favourites.add(ctx.actor, input.instructorId)),
  remove: own
    .input(ZInstructorIdInput)
    .output(ZFavouriteRemoved)
    .mutation(({ ctx, input }) => ctx.services.favourites.remove(ctx.actor, input.instructorId)),
  /** Saved instructors as public cards, newest first. */
  list: own.output(z.array(ZFavouriteCard)).query(({ ctx }) => ctx.services.favourites.list(ctx.actor)),
  isFavourite: own
    .input(ZInstructorIdInput)
    .output(z.boolean())
    .query(({ ctx, input }) => ctx.services.favourites.isFavourite(ctx.actor, input.instructorId)),
});
