import type { Metadata } from "next";
import { listTimeZones } from "~/components/forms/time-zones";
import { NotAnInstructor, requireInstructor } from "~/components/instructor/guard";
import { PageHeader } from "~/components/instructor/page-header";
import { PhotoUpload } from "~/components/instructor/photo-upload";
import { ProfileBasicsForm } from "~/components/instructor/profile-basics-form";
import { ServiceAreasPicker } from "~/components/instructor/service-areas-picker";
import { TeachingAddressForm } from "~/components/instructor/teaching-address-form";
import { VerificationCard } from "~/components/instructor/verification-card";
import { ButtonLink } from "~/components/ui/button";
import { env } from "~/server/config/env";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Your profile" };

export default async function InstructorProfilePage() {
  const me = await requireInstructor("/instructor/profile");
  if (!me) return <NotAnInstructor />;
  const profile = await (await serverApi()).instructor.myProfile();
  return (
    <>
      <PageHeader
        title="Your profile"
        description="Each section saves on its own. Students see your first name and last initial, never your email, phone or address."
        actions={
          <ButtonLink href={`/instructors/${profile.id}`} variant="outline" size="sm">
            View public profile
          </ButtonLink>
        }
      />
      <div className="mt-8 space-y-6">
        <ProfileBasicsForm profile={profile} zones={listTimeZones()} />
        <PhotoUpload
          photoUrl={profile.photoUrl}
          firstName={profile.firstName}
          lastName={profile.lastName}
          maxBytes={env.UPLOAD_MAX_BYTES}
        />
        <ServiceAreasPicker initial={profile.serviceAreas.map((a) => a.id)} travels={profile.offersTravel} />
        {profile.offersAtLocation && <TeachingAddressForm profile={profile} />}
        <VerificationCard backgroundCheck={profile.backgroundCheck} payoutStatus={profile.payoutStatus} />
      </div>
    </>
  );
}
