import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InstructorLessonDetail, LessonDetail } from "~/components/booking/lesson-detail";
import { firstParam, type SearchParams } from "~/components/forms/search-params";
import { requireUser } from "~/components/shell/current-user";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Lesson" };

export default async function LessonPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const { id } = await params;
  const sp = await searchParams;
  const me = await requireUser(`/lessons/${id}`);
  // Instructors manage lessons from their calendar; here they see what was booked and how it is paid.
  const booking = await (await serverApi()).booking.get({ bookingId: id }).catch((e: unknown) => {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST" || e.code === "FORBIDDEN"))
      return null;
    throw e;
  });
  if (!booking) notFound();
  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-10 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        {me.role === "instructor" ? (
          <Link href="/instructor/bookings" className="font-medium text-brand-700 hover:text-brand-800">
            ← Bookings
          </Link>
        ) : (
          <Link href="/lessons" className="font-medium text-brand-700 hover:text-brand-800">
            ← My lessons
          </Link>
        )}
      </nav>
      <h1 className="mt-3 text-3xl font-bold tracking-tight text-slate-900">Lesson</h1>
      <div className="mt-6">
        {me.role === "instructor" ? (
          <InstructorLessonDetail booking={booking} zone={me.timeZone} />
        ) : (
          <LessonDetail
            key={booking.id}
            initial={booking}
            zone={me.timeZone}
            justBooked={firstParam(sp.booked) === "1"}
          />
        )}
      </div>
    </div>
  );
}
