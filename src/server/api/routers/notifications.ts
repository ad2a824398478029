import { z } from "zod";
import { authedProcedure, createTRPCRouter, publicProcedure } from "~/server/api/trpc";
import {
  ZMarkReadInput,
  ZNotificationListInput,
  ZNotificationPage,
  ZPreference,
  ZSetPreferenceInput,
  ZUnsubscribed,
  ZUnsubscribeInput,
  ZUpdated,
} from "./notifications.schemas";

/** The notification centre (bell, /notifications) and preferences (/account/notifications); own data only. */
export const notificationsRouter = createTRPCRouter({
  list: authedProcedure
    .input(ZNotificationListInput)
    .output(ZNotificationPage)
    .query(({ ctx, input }) =>
      ctx.services.notifications.list(ctx.actor.userId, { before: input.cursor, limit: input.limit }),
    ),
  unreadCount: authedProcedure
    .output(z.number().int())
    .query(({ ctx }) => ctx.services.notifications.unreadCount(ctx.actor.userId)),
  markRead: authedProcedure
    .input(ZMarkReadInput)
    .output(ZUpdated)
    .mutation(({ ctx, input }) => ctx.services.notifications.markRead(ctx.actor.userId, input.ids)),
  markAllRead: authedProcedure
    .output(ZUpdated)
    .mutation(({ ctx }) => ctx.services.notifications.markRead(ctx.actor.userId, "all")),
  preferences: authedProcedure
    .output(z.array(ZPreference))
    .query(({ ctx }) => ctx.services.notifications.preferences(ctx.actor.userId)),
  setPreference: authedProcedure
    .input(ZSetPreferenceInput)
    .output(z.array(ZPreference))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.notifications.setPreference(ctx.actor.userId, input.category, input.channel, input.enabled);
      return ctx.services.notifications.preferences(ctx.actor.userId);
    }),
  /** One click from an email's footer (signed link; no sign-in needed): stops that category's emails. */
  unsubscribe: publicProcedure
    .input(ZUnsubscribeInput)
    .output(ZUnsubscribed)
    .mutation(({ ctx, input }) => ctx.services.dispatch.unsubscribe(input.token)),
});
