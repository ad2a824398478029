import type { Metadata } from "next";
import { PasswordForm } from "~/components/account/password-form";
import { PhoneForm } from "~/components/account/phone-form";
import { DataExportCard, DeleteAccountCard } from "~/components/account/privacy-panel";
import { ProfileForm } from "~/components/account/profile-form";
import { listTimeZones } from "~/components/forms/time-zones";
import { requireUser } from "~/components/shell/current-user";

export const metadata: Metadata = { title: "Account settings" };

export default async function AccountPage() {
  const me = await requireUser("/account");
  return (
    <>
      <ProfileForm
        firstName={me.firstName}
        lastName={me.lastName}
        email={me.email}
        timeZone={me.timeZone}
        zones={listTimeZones()}
      />
      <PhoneForm phone={me.phone} verified={me.phoneVerified} />
      <PasswordForm email={me.email} />
      <DataExportCard timeZone={me.timeZone} />
      <DeleteAccountCard twoFactorEnabled={me.twoFactorEnabled} isAdmin={me.role === "admin"} />
    </>
  );
}
