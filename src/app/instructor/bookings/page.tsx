import type { Metadata } from "next";
import { BookingsViews } from "~/components/instructor/bookings-views";
import { NotAnInstructor, requireInstructor } from "~/components/instructor/guard";
import { PageHeader } from "~/components/instructor/page-header";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Bookings" };

export default async function InstructorBookingsPage() {
  const me = await requireInstructor("/instructor/bookings");
  if (!me) return <NotAnInstructor />;
  const profile = await (await serverApi()).instructor.myProfile();
  return (
    <>
      <PageHeader
        title="Bookings"
        description="Your lessons by week or day, or as a list. Mark lessons complete after they end."
      />
      <div className="mt-6">
        <BookingsViews timeZone={profile.timeZone} instructorId={profile.id} />
      </div>
    </>
  );
}
