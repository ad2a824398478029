"use client";

import { toApiError } from "~/components/forms/api-error";
import { Alert } from "~/components/ui/alert";
import { Button, ButtonLink } from "~/components/ui/button";
import { Spinner } from "~/components/ui/spinner";
import { UpcomingPastTabs, type When } from "~/components/booking/upcoming-past-tabs";
import { api } from "~/trpc/react";
import { LessonCard } from "./lesson-card";
import type { BookingView } from "./labels";

const PAGE = 10;

/** "My lessons": upcoming and past tabs, a page at a time. */
export function LessonsList({ zone }: { zone: string }) {
  return (
    <UpcomingPastTabs idBase="lessons">
      {(when, onNotice) => <LessonPage when={when} zone={zone} onNotice={onNotice} />}
    </UpcomingPastTabs>
  );
}

function LessonPage({ when, zone, onNotice }: { when: When; zone: string; onNotice: (s: string) => void }) {
  const utils = api.useUtils();
  const q = api.booking.listForStudent.useInfiniteQuery(
    { when, limit: PAGE },
    { getNextPageParam: (last) => last.nextCursor ?? undefined },
  );

  function onChanged(b: BookingView, kind: "cancelled" | "rescheduled") {
    onNotice(
      kind === "cancelled"
        ? `Lesson cancelled.${b.cancellationFeeCents ? "" : " You weren't charged."}`
        : "Lesson rescheduled. We've let your instructor know.",
    );
    void utils.booking.listForStudent.invalidate();
  }

  if (q.isPending)
    return (
      <p className="flex items-center gap-2 py-8 text-sm text-slate-500" aria-busy="true">
        <Spinner /> Loading your lessons…
      </p>
    );
  if (q.isError)
    return (
      <Alert tone="error" title="We couldn't load your lessons">
        {toApiError(q.error).message}
      </Alert>
    );
  const items = q.data.pages.flatMap((p) => p.items);
  if (items.length === 0)
    return (
      <div className="rounded-2xl border border-dashed border-slate-300 bg-slate-50 px-6 py-12 text-center">
        <h2 className="text-lg font-semibold text-slate-900">
          {when === "upcoming" ? "No upcoming lessons" : "No past lessons yet"}
        </h2>
        <p className="mx-auto mt-1 max-w-md text-slate-600">
          {when === "upcoming"
            ? "Find an instructor and book a time from their calendar."
            : "Lessons you've had will show up here."}
        </p>
        {when === "upcoming" && (
          <ButtonLink href="/search" className="mt-5">
            Find an instructor
          </ButtonLink>
        )}
      </div>
    );
  return (
    <div className="space-y-3">
      <ul className="space-y-3" aria-label={when === "upcoming" ? "Upcoming lessons" : "Past lessons"}>
        {items.map((b) => (
          <li key={b.id}>
            <LessonCard booking={b} zone={zone} onChanged={onChanged} />
          </li>
        ))}
      </ul>
      {q.hasNextPage && (
        <div className="flex justify-center pt-2">
          <Button variant="outline" onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
            Load more
          </Button>
        </div>
      )}
    </div>
  );
}
