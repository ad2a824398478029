import type { Metadata } from "next";
import { BookingForm } from "~/components/booking/booking-form";
import { firstParam, type SearchParams } from "~/components/forms/search-params";
import { requireUser } from "~/components/shell/current-user";
import { ButtonLink } from "~/components/ui/button";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Book a lesson" };

const DURATIONS = [30, 45, 60, 90] as const;
type Duration = (typeof DURATIONS)[number];

function Problem({ title, body, back }: { title: string; body: string; back?: string }) {
  return (
    <div className="mx-auto flex max-w-lg flex-1 flex-col items-center justify-center px-4 py-20 text-center">
      <h1 className="text-2xl font-bold text-slate-900">{title}</h1>
      <p className="mt-3 text-slate-600">{body}</p>
      <div className="mt-6 flex gap-3">
        {back && <ButtonLink href={back}>Pick another time</ButtonLink>}
        <ButtonLink href="/search" variant="outline">
          Find an instructor
        </ButtonLink>
      </div>
    </div>
  );
}

/** /book?serviceId=…&start=<ISO>&duration=60 — the booking flow for a chosen time. */
export default async function BookPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const serviceId = firstParam(sp.serviceId) ?? "";
  const startRaw = firstParam(sp.start) ?? "";
  const duration = Number(firstParam(sp.duration));
  const qs = new URLSearchParams({
    serviceId,
    start: startRaw,
    duration: String(firstParam(sp.duration) ?? ""),
  }).toString();
  const me = await requireUser(`/book?${qs}`);

  const start = new Date(startRaw);
  if (!serviceId || Number.isNaN(start.getTime()) || !DURATIONS.includes(duration as Duration)) {
    return (
      <Problem
        title="Choose a time first"
        body="This booking link is incomplete. Pick a lesson time from an instructor's calendar."
      />
    );
  }
  if (me.role !== "student") {
    return (
      <Problem
        title="Bookings are for student accounts"
        body="You're signed in as an instructor or admin. Sign in with a student account to book lessons."
      />
    );
  }

  const caller = await serverApi();
  // The slot lookup answers which instructor the service belongs to, and whether the time is still open.
  const slot = await caller.availability
    .getSlots({ instructorServiceId: serviceId, duration, from: start, to: new Date(start.getTime() + 60_000) })
    .catch(() => null);
  if (!slot)
    return (
      <Problem
        title="This lesson isn't available"
        body="The instructor may have changed this service. Pick another lesson from their profile."
      />
    );
  const [profile, regions] = await Promise.all([
    caller.instructor.publicProfile({ id: slot.instructorId }),
    caller.catalog.regions(),
  ]);
  const service = profile.services.find((s) => s.id === serviceId);
  if (!service)
    return (
      <Problem
        title="This lesson isn't available"
        body="The instructor may have changed this service."
        back={`/instructors/${profile.id}#availability`}
      />
    );
  if (!slot.slots.some((s) => s.getTime() === start.getTime())) {
    return (
      <Problem
        title="That time was just booked — pick another"
        body={`${profile.name}'s calendar has changed since you chose this time. Pick another open time.`}
        back={`/instructors/${profile.id}#availability`}
      />
    );
  }

  // Lessons at the student's place: the neighbourhoods the instructor covers (a borough covers all of its own).
  const areas = new Set(profile.serviceAreas.map((a) => a.id));
  const boroughs = regions
    .map((b) => ({
      ...b,
      neighbourhoods: areas.has(b.id) ? b.neighbourhoods : b.neighbourhoods.filter((n) => areas.has(n.id)),
    }))
    .filter((b) => b.neighbourhoods.length > 0);

  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-8 sm:px-6 lg:py-12">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Book your lesson</h1>
      <p className="mt-1.5 text-slate-600">
        Check the details and confirm. You can reschedule or cancel from My lessons.
      </p>
      <div className="mt-8">
        <BookingForm
          instructor={{ id: profile.id, name: profile.name, photoUrl: profile.photoUrl }}
          service={{ id: service.id, subjectName: service.subject.name, locationTypes: service.locationTypes }}
          start={start.toISOString()}
          durationMinutes={duration as Duration}
          zone={me.timeZone}
          boroughs={boroughs}
        />
      </div>
    </div>
  );
}
