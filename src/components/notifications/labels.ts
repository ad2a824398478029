import type { RouterOutputs } from "~/trpc/react";

export type NotificationItem = RouterOutputs["notifications"]["list"]["items"][number];
export type Preference = RouterOutputs["notifications"]["preferences"][number];
export type Category = Preference["category"];
export type Channel = Preference["channel"];

/** One label table for notification categories and channels (the server's names, worded for people). */
export const CATEGORY_LABEL: Record<Category, { label: string; help: string }> = {
  lesson_updates: { label: "Lesson updates", help: "Bookings, cancellations and reschedules" },
  reminders: { label: "Reminders", help: "24 hours and 1 hour before a lesson" },
  messages: { label: "Messages", help: "New messages you haven't read" },
  payments: { label: "Payments", help: "Declined cards and receipts" },
  promotions: { label: "Promotions", help: "News and offers from InstaInstru" },
  security: { label: "Security", help: "New sign-ins, password and 2FA changes — always on" },
};

export const CHANNEL_LABEL: Record<Channel, string> = { email: "Email", sms: "SMS", in_app: "In-app" };
export const CATEGORIES = Object.keys(CATEGORY_LABEL) as Category[];
export const CHANNELS = Object.keys(CHANNEL_LABEL) as Channel[];
