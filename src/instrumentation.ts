/**
 * Runs once when a Next.js server process starts (not during `next build`). Opening the runtime here starts
 * the durable job runner's loop at boot, so sleeps that fell due while the server was down (an authorization
 * 24 h before a lesson, a capture 24 h after one) run without waiting for the first request.
 */
export async function register(): Promise<void> {
  // Next's own phase variables: only the Node.js server runtime, and never while building.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getRuntime } = await import("~/server/runtime");
  await getRuntime();
}
