import { createCallerFactory, createTRPCRouter } from "~/server/api/trpc";
import { accountRouter } from "./routers/account";
import { adminRouter } from "./routers/admin";
import { authRouter } from "./routers/auth";
import { availabilityRouter } from "./routers/availability";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  account: accountRouter,
  admin: adminRouter,
  availability: availabilityRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
