import type { Metadata } from "next";
import { LessonsList } from "~/components/booking/lessons-list";
import { requireUser } from "~/components/shell/current-user";
import { ButtonLink } from "~/components/ui/button";

export const metadata: Metadata = { title: "My lessons" };

export default async function LessonsPage() {
  const me = await requireUser("/lessons");
  if (me.role === "instructor") {
    return (
      <div className="mx-auto max-w-lg px-4 py-20 text-center">
        <h1 className="text-2xl font-bold text-slate-900">Your lessons are in your calendar</h1>
        <p className="mt-3 text-slate-600">As an instructor, you manage lessons from your bookings calendar.</p>
        <ButtonLink href="/instructor/bookings" className="mt-6">
          Go to bookings
        </ButtonLink>
      </div>
    );
  }
  return (
    <div className="mx-auto w-full max-w-4xl px-4 py-10 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight text-slate-900">My lessons</h1>
          <p className="mt-1.5 text-slate-600">
            Reschedule or cancel upcoming lessons, and review the ones you&apos;ve had.
          </p>
        </div>
        <ButtonLink href="/favourites" variant="outline" size="sm">
          Saved instructors
        </ButtonLink>
      </div>
      <div className="mt-8">
        <LessonsList zone={me.timeZone} />
      </div>
    </div>
  );
}
