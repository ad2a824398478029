import "server-only";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { serverApi } from "~/trpc/server";
import type { Me } from "./types";

/**
 * The signed-in user for this request (null when signed out), fetched once per request.
 * `connection()` first: this reads cookies and the database, so it must never run during `next build`.
 */
export const getMe = cache(async (): Promise<Me | null> => {
  await connection();
  return (await serverApi()).account.me();
});

/**
 * Page-level guard: redirects to sign-in (coming back to `path`) when signed out.
 * Called by each protected page rather than its layout: layouts neither know the path nor re-run on
 * client navigation, and a layout redirect does not stop the page from rendering (Next.js auth guide).
 */
export async function requireUser(path: string): Promise<Me> {
  const me = await getMe();
  if (!me) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  return me;
}
