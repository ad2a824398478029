import { z } from "zod";
import { env } from "~/server/config/env";
import { getRuntime } from "~/server/runtime";
import { createServices } from "~/server/services";

export const dynamic = "force-dynamic";

const ZHook = z.discriminatedUnion("action", [
  z.object({ action: z.literal("past-booking"), studentEmail: z.email(), instructorEmail: z.email(), endedHoursAgo: z.number().min(0).max(47).optional() }),
  // A past lesson booked with the student's saved card, authorized, completed and captured by the payment service.
  z.object({
    action: z.literal("past-captured-payment"),
    studentEmail: z.email(),
    instructorEmail: z.email(),
    paymentMethodId: z.string().min(1).max(255),
    endedHoursAgo: z.number().min(25).max(47).default(30),
  }),
]);

/** e2e fixtures only: 404 unless E2E_TEST_HOOKS=1 (set by scripts/e2e-server.ts, never in deployments). */
export async function POST(req: Request) {
  if (env.E2E_TEST_HOOKS !== "1") return new Response("Not found", { status: 404 });
  const parsed = ZHook.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: z.flattenError(parsed.error) }, { status: 400 });
  const services = createServices(await getRuntime());
  const input = parsed.data;
  const booking = input.action === "past-captured-payment" ? await services.testHooks.createPastCapturedPayment(input) : await services.testHooks.createPastBooking(input);
  return Response.json({ bookingId: booking.id });
}
