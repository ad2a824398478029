"use client";

import { signOut } from "next-auth/react";

/** Ends the session and lands on the home page (a full navigation, so every cache is dropped). */
export function signOutToHome(): Promise<undefined> {
  return signOut({ callbackUrl: "/" });
}
