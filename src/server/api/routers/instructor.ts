import { z } from "zod";
import { createTRPCRouter, permissionProcedure, publicProcedure } from "~/server/api/trpc";
import {
  ZAddServiceInput,
  ZBackgroundCheckState,
  ZChecklist,
  ZOwnProfile,
  ZOwnService,
  ZPublicInstructorProfile,
  ZPublicList,
  ZPublicListInput,
  ZPublicProfileInput,
  ZRegionRef,
  ZRemoveServiceResult,
  ZServiceIdInput,
  ZSetServiceAreasInput,
  ZSetTeachingAddressInput,
  ZUpdateProfileInput,
  ZUpdateServiceInput,
} from "./instructor.schemas";

const own = permissionProcedure("instructor:manage:own");

/** Instructor profiles and lesson services. The photo upload is an HTTP route: POST /api/uploads/photo. */
export const instructorRouter = createTRPCRouter({
  myProfile: own.output(ZOwnProfile).query(({ ctx }) => ctx.services.instructors.myProfile(ctx.actor)),
  updateProfile: own
    .input(ZUpdateProfileInput)
    .output(ZOwnProfile)
    .mutation(({ ctx, input }) => ctx.services.instructors.updateProfile(ctx.actor, input)),
  setServiceAreas: own
    .input(ZSetServiceAreasInput)
    .output(z.array(ZRegionRef))
    .mutation(({ ctx, input }) => ctx.services.instructors.setServiceAreas(ctx.actor, input)),
  setTeachingAddress: own
    .input(ZSetTeachingAddressInput)
    .output(ZOwnProfile)
    .mutation(({ ctx, input }) => ctx.services.instructors.setTeachingAddress(ctx.actor, input)),
  removePhoto: own
    .output(z.object({ photoUrl: z.null() }))
    .mutation(({ ctx }) => ctx.services.instructors.removePhoto(ctx.actor)),
  /** What is missing before the profile is listed. */
  checklist: own.output(ZChecklist).query(({ ctx }) => ctx.services.instructors.checklist(ctx.actor)),
  /** Local stand-in for Stripe Connect onboarding: marks payouts active. */
  setupPayouts: own
    .output(z.object({ payoutStatus: z.literal("active") }))
    .mutation(({ ctx }) => ctx.services.instructors.setupPayouts(ctx.actor)),
  startBackgroundCheck: own
    .output(ZBackgroundCheckState)
    .mutation(({ ctx }) => ctx.services.instructors.startBackgroundCheck(ctx.actor, ctx.ip)),

  services: own.output(z.array(ZOwnService)).query(({ ctx }) => ctx.services.instructors.services(ctx.actor)),
  addService: own
    .input(ZAddServiceInput)
    .output(ZOwnService)
    .mutation(({ ctx, input }) => ctx.services.instructors.addService(ctx.actor, input)),
  updateService: own
    .input(ZUpdateServiceInput)
    .output(ZOwnService)
    .mutation(({ ctx, input }) => ctx.services.instructors.updateService(ctx.actor, input)),
  /** Hard delete without bookings, otherwise deactivation; the result says which. */
  removeService: own
    .input(ZServiceIdInput)
    .output(ZRemoveServiceResult)
    .mutation(({ ctx, input }) => ctx.services.instructors.removeService(ctx.actor, input)),
  reactivateService: own
    .input(ZServiceIdInput)
    .output(ZOwnService)
    .mutation(({ ctx, input }) => ctx.services.instructors.reactivateService(ctx.actor, input)),

  /** Public, privacy-shaped profile. */
  publicProfile: publicProcedure
    .input(ZPublicProfileInput)
    .output(ZPublicInstructorProfile)
    .query(({ ctx, input }) => ctx.services.instructors.publicProfile(input.id)),
  /** Listed instructors, cursor-paginated by id. */
  publicList: publicProcedure
    .input(ZPublicListInput)
    .output(ZPublicList)
    .query(({ ctx, input }) => ctx.services.instructors.publicList(input)),
});
