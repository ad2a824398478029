import { createCallerFactory, createTRPCRouter } from "~/server/api/trpc";
import { notificationsRouter } from "./routers/notifications";
import { accountRouter } from "./routers/account";
import { adminRouter } from "./routers/admin";
import { authRouter } from "./routers/auth";
import { availabilityRouter } from "./routers/availability";
import { catalogRouter } from "./routers/catalog";
import { instructorRouter } from "./routers/instructor";
import { favouritesRouter } from "./routers/favourites";
import { bookingRouter } from "./routers/booking";
import { conversationsRouter } from "./routers/conversations";
import { searchRouter } from "./routers/search";
import { devOutboxRouter } from "./routers/outbox";
import { paymentsRouter, payoutsRouter } from "./routers/payments";
import { reportsRouter } from "./routers/reports";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  notifications: notificationsRouter,
  account: accountRouter,
  admin: adminRouter,
  availability: availabilityRouter,
  catalog: catalogRouter,
  instructor: instructorRouter,
  favourites: favouritesRouter,
  booking: bookingRouter,
  conversations: conversationsRouter,
  search: searchRouter,
  devOutbox: devOutboxRouter,
  payments: paymentsRouter,
  payouts: payoutsRouter,
  reports: reportsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
