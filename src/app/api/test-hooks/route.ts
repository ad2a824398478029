import { z } from "zod";
import { env } from "~/server/config/env";
import { newId } from "~/lib/ids";
import { getRuntime } from "~/server/runtime";
import { ZSignUpInput } from "~/server/api/routers/auth.schemas";

export const dynamic = "force-dynamic";

const ZHook = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("past-booking"),
    studentEmail: z.email(),
    instructorEmail: z.email(),
    endedHoursAgo: z.number().min(0).max(47).optional(),
  }),
  // A past lesson booked with the student's saved card, authorized, completed and captured by the payment service.
  z.object({
    action: z.literal("past-captured-payment"),
    studentEmail: z.email(),
    instructorEmail: z.email(),
    paymentMethodId: z.string().min(1).max(255),
    endedHoursAgo: z.number().min(25).max(47).default(30),
  }),
  // An account made through the real sign-up service, as its own client: the e2e suite makes more accounts from
  // one machine than the per-network sign-up limit allows a real network (the sign-up spec still uses the page).
  // Verified by default (most specs book); `emailVerified: false` leaves it as a fresh sign-up is.
  z.object({ action: z.literal("create-account"), account: ZSignUpInput, emailVerified: z.boolean().default(true) }),
  // A fresh admin with 2FA on (its TOTP secret returned), so parallel admin specs don't share one-time codes.
  z.object({ action: z.literal("create-admin"), account: ZSignUpInput }),
  // The instructor's Connect account completed on the local gateway, so their lessons can be paid.
  z.object({ action: z.literal("complete-connect-onboarding"), instructorEmail: z.email() }),
]);

/** e2e fixtures only: 404 unless E2E_TEST_HOOKS=1 (set by scripts/e2e-server.ts, never in deployments). */
export async function POST(req: Request) {
  if (env.E2E_TEST_HOOKS !== "1") return new Response("Not found", { status: 404 });
  const parsed = ZHook.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: z.flattenError(parsed.error) }, { status: 400 });
  const services = (await getRuntime()).services;
  const input = parsed.data;
  switch (input.action) {
    case "create-account": {
      const { userId } = await services.auth.signUp(input.account, `e2e-hook:${newId()}`);
      if (input.emailVerified) await services.testHooks.markEmailVerified(userId);
      return Response.json({ userId });
    }
    case "create-admin": {
      const { userId } = await services.auth.signUp(input.account, `e2e-hook:${newId()}`);
      await services.testHooks.markEmailVerified(userId);
      return Response.json({ userId, ...(await services.testHooks.makeAdminWithTwoFactor(userId)) });
    }
    case "complete-connect-onboarding":
      return Response.json({ account: await services.testHooks.completeConnectOnboarding(input) });
    case "past-captured-payment":
      return Response.json({ bookingId: (await services.testHooks.createPastCapturedPayment(input)).id });
    case "past-booking":
      return Response.json({ bookingId: (await services.testHooks.createPastBooking(input)).id });
  }
}
