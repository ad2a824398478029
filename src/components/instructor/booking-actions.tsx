"use client";

import { useState } from "react";
import { CancelDialog } from "~/components/booking/cancel-dialog";
import type { BookingView } from "~/components/booking/labels";
import { toApiError } from "~/components/forms/api-error";
import { fmtLessonRange } from "~/components/time/format";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Dialog } from "~/components/ui/dialog";
import { CheckIcon } from "~/components/ui/icons";
import { api } from "~/trpc/react";

type Kind = "complete" | "no-show" | "cancel";

/** Mark complete / Report no-show / Cancel, each shown only when the server's `can` allows it. */
export function InstructorBookingActions({
  booking,
  zone,
  onChanged,
  size = "sm",
}: {
  booking: BookingView;
  zone: string;
  onChanged: (b: BookingView, message: string) => void;
  size?: "sm" | "md";
}) {
  const [open, setOpen] = useState<Kind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const complete = api.booking.markComplete.useMutation();
  const noShow = api.booking.reportNoShow.useMutation();
  const { can } = booking;
  const who = `${booking.subjectName} with ${booking.studentName}`;

  async function run(kind: "complete" | "no-show") {
    setError(null);
    try {
      const b =
        kind === "complete"
          ? await complete.mutateAsync({ bookingId: booking.id })
          : await noShow.mutateAsync({ bookingId: booking.id });
      setOpen(null);
      onChanged(b, kind === "complete" ? `${who} is marked complete.` : `No-show reported for ${who}.`);
    } catch (err) {
      setError(toApiError(err).message);
    }
  }

  if (!can.markComplete && !can.reportNoShow && !can.cancel) return null;
  return (
    <>
      <div className="flex flex-wrap gap-2">
        {can.markComplete && (
          <Button size={size} onClick={() => setOpen("complete")} aria-label={`Mark complete: ${who}`}>
            <CheckIcon className="size-4" /> Mark complete
          </Button>
        )}
        {can.reportNoShow && (
          <Button
            variant="outline"
            size={size}
            onClick={() => setOpen("no-show")}
            aria-label={`Report no-show: ${who}`}
          >
            Report no-show
          </Button>
        )}
        {can.cancel && (
          <Button
            variant="ghost"
            size={size}
            className="text-red-700 hover:bg-red-50"
            onClick={() => setOpen("cancel")}
            aria-label={`Cancel: ${who}`}
          >
            Cancel
          </Button>
        )}
      </div>
      <Dialog
        open={open === "complete" || open === "no-show"}
        onClose={() => {
          setOpen(null);
          setError(null);
        }}
        title={open === "no-show" ? "Report a no-show?" : "Mark this lesson complete?"}
        description={`${who} · ${fmtLessonRange(booking.startAt, booking.endAt, zone)}`}
        size="sm"
        footer={
          <>
            <Button variant="ghost" onClick={() => setOpen(null)}>
              Not now
            </Button>
            <Button
              variant={open === "no-show" ? "danger" : "primary"}
              onClick={() => void run(open === "no-show" ? "no-show" : "complete")}
              loading={complete.isPending || noShow.isPending}
            >
              {open === "no-show" ? "Report no-show" : "Mark complete"}
            </Button>
          </>
        }
      >
        <p className="text-sm text-slate-700">
          {open === "no-show"
            ? `Tell us ${booking.studentName} didn't come. Our team may follow up with both of you.`
            : `${booking.studentName} can then review the lesson. Lessons you don't mark are completed automatically a day after they end.`}
        </p>
        {error && (
          <Alert tone="error" className="mt-3">
            {error}
          </Alert>
        )}
      </Dialog>
      <CancelDialog
        booking={booking}
        zone={zone}
        open={open === "cancel"}
        onClose={() => setOpen(null)}
        onCancelled={(b) => {
          setOpen(null);
          onChanged(b, `${who} is cancelled. The student isn't charged.`);
        }}
      />
    </>
  );
}
