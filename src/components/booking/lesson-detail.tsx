"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { fmtDayLong, fmtTime, formatMoney, zoneAbbrev, zoneLabel } from "~/components/time/format";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button, ButtonLink } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { MessageIcon } from "~/components/ui/icons";
import { RatingStars } from "~/components/ui/stars";
import { api } from "~/trpc/react";
import { StudentLessonActions } from "./lesson-card";
import { STATUS_LABEL, STATUS_TONE, locationLabel, type BookingView } from "./labels";
import { PaymentSection } from "./payment-section";
import { PolicyTerms } from "./policy-terms";
import { ReviewForm } from "./review-form";

const REVIEW_LOOKUP = 50;

/** One lesson for its student: details, actions and the review. */
export function LessonDetail({
  initial,
  zone,
  justBooked,
}: {
  initial: BookingView;
  zone: string;
  justBooked: boolean;
}) {
  const router = useRouter();
  const utils = api.useUtils();
  const q = api.booking.get.useQuery({ bookingId: initial.id }, { initialData: initial });
  const b = q.data;
  const [notice, setNotice] = useState<string | null>(justBooked ? "booked" : null);

  return (
    <div className="space-y-6">
      {notice === "booked" && (
        <Alert tone="success" title="Lesson booked">
          {b.instructorName} has your booking. You&apos;ll find it under My lessons.
        </Alert>
      )}
      {notice && notice !== "booked" && <Alert tone="success">{notice}</Alert>}

      <Card
        id="lesson"
        title={`${b.subjectName} with ${b.instructorName}`}
        actions={<Badge tone={STATUS_TONE[b.status]}>{STATUS_LABEL[b.status]}</Badge>}
      >
        <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
          <div>
            <dt className="text-sm text-slate-500">When</dt>
            <dd className="font-medium text-slate-900">
              {fmtDayLong(b.startAt, zone)}
              <br />
              {fmtTime(b.startAt, zone)} – {fmtTime(b.endAt, zone)} {zoneAbbrev(zone, b.startAt)} ({b.durationMinutes}{" "}
              min)
            </dd>
            <dd className="mt-0.5 text-xs text-slate-500">{zoneLabel(zone, b.startAt)}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-500">Where</dt>
            <dd className="font-medium text-slate-900">{locationLabel(b.locationType, "student")}</dd>
            {b.locationDetails && <dd className="text-sm text-slate-700">{b.locationDetails}</dd>}
          </div>
          <div>
            <dt className="text-sm text-slate-500">Price</dt>
            <dd className="font-medium text-slate-900">{formatMoney(b.priceCents, b.currency)}</dd>
            {b.status === "cancelled" && (
              <dd className="text-sm text-slate-700">
                {b.cancellationFeeCents
                  ? `Cancellation fee: ${formatMoney(b.cancellationFeeCents, b.currency)}`
                  : b.cancelledBy === "instructor"
                    ? "Cancelled by the instructor — no charge"
                    : "Cancelled free of charge"}
              </dd>
            )}
          </div>
          {b.notes && (
            <div>
              <dt className="text-sm text-slate-500">Your notes</dt>
              <dd className="text-sm whitespace-pre-line text-slate-700">{b.notes}</dd>
            </div>
          )}
        </dl>
        {b.rescheduleCount > 0 && (
          <p className="mt-4 text-sm text-slate-600">
            Rescheduled {b.rescheduleCount === 1 ? "once" : `${b.rescheduleCount} times`}.
          </p>
        )}
        <div className="mt-6 flex flex-wrap items-center gap-2 border-t border-slate-100 pt-5">
          <StudentLessonActions
            booking={b}
            zone={zone}
            showReview={false}
            onChanged={(nb, kind) => {
              if (kind === "rescheduled") {
                router.push(`/lessons/${nb.id}`);
                setNotice("Lesson rescheduled. We've let your instructor know.");
              } else {
                setNotice(
                  nb.cancellationFeeCents
                    ? `Lesson cancelled. A fee of ${formatMoney(nb.cancellationFeeCents, nb.currency)} applies.`
                    : "Lesson cancelled. You weren't charged.",
                );
              }
              q.refetch().catch(() => undefined);
              void utils.payments.forBooking.invalidate({ bookingId: b.id });
            }}
          />
          <ButtonLink href={`/inbox?to=${b.instructorId}`} variant="ghost" size="sm">
            <MessageIcon className="size-4" /> Message {b.instructorName.split(" ")[0]}
          </ButtonLink>
          <Link
            href={`/instructors/${b.instructorId}`}
            className="ml-auto text-sm font-semibold text-brand-700 hover:text-brand-800"
          >
            View profile
          </Link>
        </div>
      </Card>

      <PaymentSection bookingId={b.id} zone={zone} viewer="student" currency={b.currency} />

      {(b.status === "confirmed" || b.status === "pending_payment") && (
        <Card id="policy" title="Cancellation policy">
          <PolicyTerms terms={b.terms} currency={b.currency} zone={zone} />
        </Card>
      )}

      {b.status === "completed" && <ReviewSection booking={b} onSaved={() => void q.refetch()} />}
    </div>
  );
}

/** One lesson for its instructor: what was booked and how it is paid (they manage it from the calendar). */
export function InstructorLessonDetail({ booking: b, zone }: { booking: BookingView; zone: string }) {
  return (
    <div className="space-y-6">
      <Card
        id="lesson"
        title={`${b.subjectName} with ${b.studentName}`}
        actions={<Badge tone={STATUS_TONE[b.status]}>{STATUS_LABEL[b.status]}</Badge>}
      >
        <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
          <div>
            <dt className="text-sm text-slate-500">When</dt>
            <dd className="font-medium text-slate-900">
              {fmtDayLong(b.startAt, zone)}
              <br />
              {fmtTime(b.startAt, zone)} – {fmtTime(b.endAt, zone)} {zoneAbbrev(zone, b.startAt)} ({b.durationMinutes}{" "}
              min)
            </dd>
          </div>
          <div>
            <dt className="text-sm text-slate-500">Where</dt>
            <dd className="font-medium text-slate-900">{locationLabel(b.locationType, "instructor")}</dd>
            {b.locationDetails && <dd className="text-sm text-slate-700">{b.locationDetails}</dd>}
          </div>
        </dl>
        <div className="mt-6 flex flex-wrap gap-2 border-t border-slate-100 pt-5">
          <ButtonLink href="/instructor/bookings" variant="outline" size="sm">
            Open in your calendar
          </ButtonLink>
          <ButtonLink href="/instructor/payouts" variant="ghost" size="sm">
            Payouts
          </ButtonLink>
        </div>
      </Card>
      <PaymentSection bookingId={b.id} zone={zone} viewer="instructor" currency={b.currency} />
    </div>
  );
}

function ReviewSection({ booking, onSaved }: { booking: BookingView; onSaved: () => void }) {
  // No "my review" procedure yet: find it among the instructor's newest reviews (edits are only possible for 7 days).
  const reviews = api.booking.reviews.useQuery(
    { instructorId: booking.instructorId, limit: REVIEW_LOOKUP },
    { enabled: Boolean(booking.reviewId) },
  );
  const mine = booking.reviewId ? reviews.data?.items.find((r) => r.id === booking.reviewId) : undefined;
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  return (
    <section
      id="review"
      aria-labelledby="review-title"
      className="scroll-mt-24 rounded-2xl border border-slate-200 bg-white p-5 shadow-card sm:p-6"
    >
      <h2 id="review-title" className="text-lg font-semibold text-slate-900">
        {booking.can.review ? "How was your lesson?" : "Your review"}
      </h2>
      {saved && (
        <Alert tone="success" className="mt-3">
          {saved}
        </Alert>
      )}
      <div className="mt-4">
        {booking.can.review ? (
          <ReviewForm
            bookingId={booking.id}
            onDone={() => {
              setSaved("Thanks! Your review is posted.");
              onSaved();
            }}
          />
        ) : booking.reviewId && mine && editing ? (
          <ReviewForm
            bookingId={booking.id}
            existing={mine}
            onCancel={() => setEditing(false)}
            onDone={() => {
              setEditing(false);
              setSaved("Review updated.");
              void reviews.refetch();
            }}
          />
        ) : mine ? (
          <div>
            <RatingStars avg={mine.rating} />
            {mine.body && <p className="mt-2 text-sm whitespace-pre-line text-slate-700">{mine.body}</p>}
            {mine.reply && (
              <div className="mt-3 rounded-lg border-l-4 border-brand-200 bg-brand-50/50 px-3 py-2">
                <p className="text-xs font-semibold text-brand-800">Reply from {booking.instructorName}</p>
                <p className="mt-1 text-sm text-slate-700">{mine.reply}</p>
              </div>
            )}
            <Button variant="outline" size="sm" className="mt-3" onClick={() => setEditing(true)}>
              Edit review
            </Button>
          </div>
        ) : booking.reviewId ? (
          <p className="text-sm text-slate-600">You reviewed this lesson.</p>
        ) : null}
      </div>
    </section>
  );
}
