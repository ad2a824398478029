import type { Metadata } from "next";
import { AvailabilityTabs } from "~/components/availability/availability-tabs";
import { NotAnInstructor, requireInstructor } from "~/components/instructor/guard";
import { PageHeader } from "~/components/instructor/page-header";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Availability" };

export default async function AvailabilityPage() {
  const me = await requireInstructor("/instructor/availability");
  if (!me) return <NotAnInstructor />;
  const profile = await (await serverApi()).instructor.myProfile();
  return (
    <>
      <PageHeader
        title="Availability"
        description="Open the times students can book. Bookings you already have are never changed by edits here."
      />
      <div className="mt-6">
        <AvailabilityTabs timeZone={profile.timeZone} />
      </div>
    </>
  );
}
