import { createTRPCRouter, permissionProcedure, publicProcedure, authedProcedure } from "~/server/api/trpc";
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
} from "./availability.schemas";

const own = permissionProcedure("availability:manage:own");

export const availabilityRouter = createTRPCRouter({
  /** Own week (instructors), or any instructor's week for admins — the service checks which. */
  getWeek: authedProcedure.input(ZGetWeekInput).query(({ ctx, input }) => ctx.services.availability.getWeek(ctx.actor, input)),
  saveWeek: own.input(ZSaveWeekInput).mutation(({ ctx, input }) => ctx.services.availability.saveWeek(ctx.actor, input)),
  copyWeek: own.input(ZCopyWeekInput).mutation(({ ctx, input }) => ctx.services.availability.copyWeek(ctx.actor, input)),
  getPattern: own.query(({ ctx }) => ctx.services.availability.getPattern(ctx.actor)),
  savePattern: own.input(ZSavePatternInput).mutation(({ ctx, input }) => ctx.services.availability.savePattern(ctx.actor, input)),
  blackouts: own.input(ZBlackoutRange).query(({ ctx, input }) => ctx.services.availability.listBlackouts(ctx.actor, input)),
  addBlackout: own.input(ZAddBlackout).mutation(({ ctx, input }) => ctx.services.availability.addBlackout(ctx.actor, input)),
  removeBlackout: own.input(ZRemoveBlackout).mutation(({ ctx, input }) => ctx.services.availability.removeBlackout(ctx.actor, input)),
  /** Public: bookable start times. */
  getSlots: publicProcedure.input(ZGetSlotsInput).query(({ ctx, input }) => ctx.services.availability.getSlots(input)),
  nextAvailable: publicProcedure.input(ZNextAvailableInput).query(({ ctx, input }) => ctx.services.availability.nextAvailable(input.instructorId)),
});
