import type { Metadata } from "next";
import { TwoFactorPanel } from "~/components/account/two-factor-panel";
import { requireUser } from "~/components/shell/current-user";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const me = await requireUser("/account/security");
  return <TwoFactorPanel enabled={me.twoFactorEnabled} required={me.twoFactorRequired} />;
}
