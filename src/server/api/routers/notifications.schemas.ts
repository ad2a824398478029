import { z } from "zod";
import { NOTIFICATION_CATEGORIES, NOTIFICATION_CHANNELS } from "~/server/db/schema";
import { ZId } from "~/server/api/zod";

export const ZNotificationCategory = z.enum(NOTIFICATION_CATEGORIES);
export const ZNotificationChannel = z.enum(NOTIFICATION_CHANNELS);

export const ZNotificationView = z.object({
  id: z.string(),
  category: ZNotificationCategory,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

export const ZNotificationListInput = z
  .object({ cursor: ZId.optional(), limit: z.number().int().min(1).max(50).default(20) })
  .default({ limit: 20 });
export const ZNotificationPage = z.object({ items: z.array(ZNotificationView), nextCursor: z.string().nullable() });

export const ZMarkReadInput = z.object({ ids: z.array(ZId).min(1).max(100) });
export const ZUpdated = z.object({ updated: z.number().int() });

export const ZPreference = z.object({
  category: ZNotificationCategory,
  channel: ZNotificationChannel,
  enabled: z.boolean(),
  locked: z.boolean(),
});
export const ZSetPreferenceInput = z.object({
  category: ZNotificationCategory,
  channel: ZNotificationChannel,
  enabled: z.boolean(),
});

/** `<userId>.<category>.<signature>` from an email's footer link. */
export const ZUnsubscribeInput = z.object({
  token: z
    .string()
    .min(30)
    .max(120)
    .regex(/^[0-9A-Za-z_]+\.[a-z_]+\.[0-9a-f]+$/, { message: "Invalid link" }),
});
export const ZUnsubscribed = z.object({ category: ZNotificationCategory });
