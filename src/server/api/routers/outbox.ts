import { z } from "zod";
import { createTRPCRouter, publicProcedure } from "~/server/api/trpc";

const ZOutboxMessage = z.object({
  id: z.string(),
  channel: z.enum(["email", "sms"]),
  recipient: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  createdAt: z.date(),
});

/** The local email/SMS outbox behind /dev/outbox. Who sees what is the service's rule (own messages; admins all). */
export const devOutboxRouter = createTRPCRouter({
  list: publicProcedure.output(z.array(ZOutboxMessage)).query(({ ctx }) => ctx.services.outbox.listFor(ctx.actor)),
});
