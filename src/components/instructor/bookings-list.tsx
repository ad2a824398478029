"use client";

import { STATUS_LABEL, STATUS_TONE, locationLabel, type BookingView } from "~/components/booking/labels";
import { toApiError } from "~/components/forms/api-error";
import { fmtDayLong, fmtTime, formatMoney, zoneAbbrev } from "~/components/time/format";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Spinner } from "~/components/ui/spinner";
import { UpcomingPastTabs, type When } from "~/components/booking/upcoming-past-tabs";
import { api } from "~/trpc/react";
import { InstructorBookingActions } from "./booking-actions";

const PAGE = 10;

/** Upcoming / past lessons as a list, a page at a time, with the instructor's actions. */
export function InstructorBookingsList({ timeZone }: { timeZone: string }) {
  return (
    <UpcomingPastTabs idBase="ilessons">
      {(when, onNotice) => <Page when={when} zone={timeZone} onNotice={onNotice} />}
    </UpcomingPastTabs>
  );
}

function Page({ when, zone, onNotice }: { when: When; zone: string; onNotice: (s: string) => void }) {
  const utils = api.useUtils();
  const q = api.booking.listForInstructor.useInfiniteQuery(
    { when, limit: PAGE },
    { getNextPageParam: (last) => last.nextCursor ?? undefined },
  );
  function onChanged(_b: BookingView, message: string) {
    onNotice(message);
    void utils.booking.listForInstructor.invalidate();
  }
  if (q.isPending)
    return (
      <p className="flex items-center gap-2 py-8 text-sm text-slate-500">
        <Spinner /> Loading lessons…
      </p>
    );
  if (q.isError) return <Alert tone="error">{toApiError(q.error).message}</Alert>;
  const items = q.data.pages.flatMap((p) => p.items);
  if (items.length === 0)
    return (
      <p className="rounded-2xl border border-dashed border-slate-300 bg-slate-50 px-6 py-10 text-center text-slate-600">
        {when === "upcoming" ? "No upcoming lessons yet." : "No past lessons yet."}
      </p>
    );
  return (
    <div className="space-y-3">
      <ul className="space-y-3" aria-label={when === "upcoming" ? "Upcoming lessons" : "Past lessons"}>
        {items.map((b) => (
          <li key={b.id}>
            <article
              aria-labelledby={`ib-${b.id}`}
              className="flex flex-col gap-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-card sm:flex-row sm:items-center"
            >
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2">
                  <h3 id={`ib-${b.id}`} className="font-semibold text-slate-900">
                    {b.subjectName} with {b.studentName}
                  </h3>
                  <Badge tone={STATUS_TONE[b.status]}>{STATUS_LABEL[b.status]}</Badge>
                </div>
                <p className="mt-0.5 text-sm text-slate-700">
                  {fmtDayLong(b.startAt, zone)} · {fmtTime(b.startAt, zone)} – {fmtTime(b.endAt, zone)}{" "}
                  {zoneAbbrev(zone, b.startAt)}
                </p>
                <p className="text-xs text-slate-500">
                  {locationLabel(b.locationType, "instructor")}
                  {b.locationDetails ? `: ${b.locationDetails}` : ""} · {formatMoney(b.priceCents, b.currency)}
                </p>
              </div>
              <InstructorBookingActions booking={b} zone={zone} onChanged={onChanged} />
            </article>
          </li>
        ))}
      </ul>
      {q.hasNextPage && (
        <div className="flex justify-center">
          <Button variant="outline" onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
            Load more
          </Button>
        </div>
      )}
    </div>
  );
}
