"use client";

import Link from "next/link";
import { useState } from "react";
import { fmtDayLong, fmtTime, formatMoney, zoneAbbrev } from "~/components/time/format";
import { Badge } from "~/components/ui/badge";
import { Button, ButtonLink } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { StarIcon } from "~/components/ui/icons";
import { CancelDialog } from "./cancel-dialog";
import { STATUS_LABEL, STATUS_TONE, locationLabel, type BookingView } from "./labels";
import { RescheduleDialog } from "./reschedule-dialog";

/**
 * The student's actions on a lesson, shown only when the server says they're possible (`can`).
 * `onChanged` gets the updated booking (a reschedule returns the new one).
 */
export function StudentLessonActions({
  booking,
  zone,
  onChanged,
  showReview = true,
  onReview,
}: {
  booking: BookingView;
  zone: string;
  onChanged: (b: BookingView, kind: "cancelled" | "rescheduled") => void;
  showReview?: boolean;
  onReview?: () => void;
}) {
  const [dialog, setDialog] = useState<"cancel" | "reschedule" | null>(null);
  const { can } = booking;
  const label = `${booking.subjectName} on ${fmtDayLong(booking.startAt, zone)}`;
  return (
    <>
      <div className="flex flex-wrap gap-2">
        {can.reschedule && (
          <Button
            variant="outline"
            size="sm"
            onClick={() => setDialog("reschedule")}
            aria-label={`Reschedule ${label}`}
          >
            Reschedule
          </Button>
        )}
        {can.cancel && (
          <Button
            variant="ghost"
            size="sm"
            className="text-red-700 hover:bg-red-50"
            onClick={() => setDialog("cancel")}
            aria-label={`Cancel ${label}`}
          >
            Cancel
          </Button>
        )}
        {showReview &&
          can.review &&
          (onReview ? (
            <Button size="sm" onClick={onReview}>
              <StarIcon className="size-4" /> Leave a review
            </Button>
          ) : (
            <ButtonLink href={`/lessons/${booking.id}#review`} size="sm">
              <StarIcon className="size-4" /> Leave a review
            </ButtonLink>
          ))}
      </div>
      <CancelDialog
        booking={booking}
        zone={zone}
        open={dialog === "cancel"}
        onClose={() => setDialog(null)}
        onCancelled={(b) => {
          setDialog(null);
          onChanged(b, "cancelled");
        }}
      />
      <RescheduleDialog
        booking={booking}
        zone={zone}
        open={dialog === "reschedule"}
        onClose={() => setDialog(null)}
        onRescheduled={(b) => {
          setDialog(null);
          onChanged(b, "rescheduled");
        }}
      />
    </>
  );
}

/** A lesson in the student's list. */
export function LessonCard({
  booking,
  zone,
  onChanged,
}: {
  booking: BookingView;
  zone: string;
  onChanged: (b: BookingView, kind: "cancelled" | "rescheduled") => void;
}) {
  const b = booking;
  const inactive = b.status === "cancelled" || b.status === "no_show";
  return (
    <article
      aria-labelledby={`lesson-${b.id}`}
      className={cn(
        "flex flex-col gap-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-card sm:flex-row sm:items-center sm:p-5",
        inactive && "bg-slate-50/60",
      )}
    >
      <div
        className="flex w-16 shrink-0 flex-col items-center rounded-xl bg-brand-50 py-2 text-brand-800"
        aria-hidden="true"
      >
        <span className="text-xs font-semibold uppercase">
          {fmtDayLong(b.startAt, zone).split(",")[0]?.slice(0, 3)}
        </span>
        <span className="text-2xl leading-7 font-bold">{fmtDayLong(b.startAt, zone).split(" ").pop()}</span>
      </div>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <h3
            id={`lesson-${b.id}`}
            className={cn(
              "font-semibold text-slate-900",
              inactive && "text-slate-500 line-through decoration-slate-300",
            )}
          >
            <Link href={`/lessons/${b.id}`} className="hover:text-brand-700">
              {b.subjectName} with {b.instructorName}
            </Link>
          </h3>
          <Badge tone={STATUS_TONE[b.status]}>{STATUS_LABEL[b.status]}</Badge>
        </div>
        <p className="mt-0.5 text-sm text-slate-700">
          {fmtDayLong(b.startAt, zone)} · {fmtTime(b.startAt, zone)} – {fmtTime(b.endAt, zone)}{" "}
          {zoneAbbrev(zone, b.startAt)}
        </p>
        <p className="text-xs text-slate-500">
          {locationLabel(b.locationType, "student")} · {b.durationMinutes} min · {formatMoney(b.priceCents, b.currency)}
          {b.status === "cancelled" && b.cancellationFeeCents
            ? ` · Fee ${formatMoney(b.cancellationFeeCents, b.currency)}`
            : ""}
        </p>
      </div>
      <div className="flex shrink-0 flex-wrap items-center gap-2">
        <StudentLessonActions booking={b} zone={zone} onChanged={onChanged} />
        <ButtonLink
          href={`/lessons/${b.id}`}
          variant="ghost"
          size="sm"
          aria-label={`Details of ${b.subjectName} on ${fmtDayLong(b.startAt, zone)}`}
        >
          Details
        </ButtonLink>
      </div>
    </article>
  );
}
