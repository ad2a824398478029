"use client";

import { signIn } from "next-auth/react";

/** Exchanges a single-use login ticket for the session cookie. Returns false when next-auth refused it. */
export async function redeemTicket(ticket: string): Promise<boolean> {
  const res = await signIn<"credentials">("ticket", { ticket, redirect: false });
  return Boolean(res?.ok && !res.error);
}
