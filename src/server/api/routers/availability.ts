import {
  QUERY_COST,
  costLimited,
  createTRPCRouter,
  permissionProcedure,
  publicProcedure,
  authedProcedure,
} from "~/server/api/trpc";
import {
  ZAddBlackout,
  ZBlackoutRange,
  ZCopyWeekInput,
  ZGetSlotsInput,
  ZGetWeekInput,
  ZNextAvailableInput,
  ZRemoveBlackout,
  ZSavePatternInput,
  ZSaveWeekInput,
  ZBlackoutList,
  ZCopyWeekResult,
  ZNextAvailable,
  ZPatternView,
  ZSlots,
  ZWeekView,
} from "./availability.schemas";
import { z } from "zod";

const own = permissionProcedure("availability:manage:own");

export const availabilityRouter = createTRPCRouter({
  /** Own week (instructors), or any instructor's week for admins — the service checks which. */
  getWeek: authedProcedure
    .input(ZGetWeekInput)
    .output(ZWeekView)
    .query(({ ctx, input }) => ctx.services.availability.getWeek(ctx.actor, input)),
  saveWeek: own
    .input(ZSaveWeekInput)
    .output(ZWeekView)
    .mutation(({ ctx, input }) => ctx.services.availability.saveWeek(ctx.actor, input)),
  copyWeek: own
    .input(ZCopyWeekInput)
    .output(ZCopyWeekResult)
    .mutation(({ ctx, input }) => ctx.services.availability.copyWeek(ctx.actor, input)),
  getPattern: own.output(ZPatternView).query(({ ctx }) => ctx.services.availability.getPattern(ctx.actor)),
  savePattern: own
    .input(ZSavePatternInput)
    .output(ZPatternView)
    .mutation(({ ctx, input }) => ctx.services.availability.savePattern(ctx.actor, input)),
  blackouts: own
    .input(ZBlackoutRange)
    .output(ZBlackoutList)
    .query(({ ctx, input }) => ctx.services.availability.listBlackouts(ctx.actor, input)),
  addBlackout: own
    .input(ZAddBlackout)
    .output(z.void())
    .mutation(({ ctx, input }) => ctx.services.availability.addBlackout(ctx.actor, input)),
  removeBlackout: own
    .input(ZRemoveBlackout)
    .output(z.void())
    .mutation(({ ctx, input }) => ctx.services.availability.removeBlackout(ctx.actor, input)),
  /** Public: bookable start times. */
  getSlots: publicProcedure
    .use(costLimited(QUERY_COST.slots))
    .input(ZGetSlotsInput)
    .output(ZSlots)
    .query(({ ctx, input }) => ctx.services.availability.getSlots(input)),
  nextAvailable: publicProcedure
    .input(ZNextAvailableInput)
    .output(ZNextAvailable)
    .query(({ ctx, input }) => ctx.services.availability.nextAvailable(input.instructorId)),
});
