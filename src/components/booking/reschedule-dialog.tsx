"use client";

import { useState } from "react";
import { toApiError, type ApiError } from "~/components/forms/api-error";
import { fmtDateTime, fmtLessonRange } from "~/components/time/format";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Dialog } from "~/components/ui/dialog";
import { api } from "~/trpc/react";
import type { BookingView } from "./labels";
import { SlotPicker } from "./slot-picker";

/** Move a lesson: the same calendar as the profile, for this service and length; the server keeps price and place. */
export function RescheduleDialog({
  booking,
  zone,
  open,
  onClose,
  onRescheduled,
}: {
  booking: BookingView;
  zone: string;
  open: boolean;
  onClose: () => void;
  onRescheduled: (b: BookingView) => void;
}) {
  const reschedule = api.booking.reschedule.useMutation();
  const utils = api.useUtils();
  const [slot, setSlot] = useState<Date | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function onConfirm() {
    if (!slot) return;
    setError(null);
    try {
      const b = await reschedule.mutateAsync({ bookingId: booking.id, newStart: slot });
      setSlot(null);
      onRescheduled(b);
    } catch (err) {
      setError(toApiError(err));
      void utils.availability.getSlots.invalidate();
    }
  }

  return (
    <Dialog
      open={open}
      onClose={() => {
        setSlot(null);
        setError(null);
        onClose();
      }}
      title="Reschedule lesson"
      description={`Now: ${fmtLessonRange(booking.startAt, booking.endAt, zone)}. Pick a new time — price and place stay the same.`}
      size="lg"
      footer={
        <>
          <p className="w-full text-sm text-slate-600 sm:mr-auto sm:w-auto" aria-live="polite">
            {slot ? (
              <>
                New time: <span className="font-semibold text-slate-900">{fmtDateTime(slot, zone)}</span>
              </>
            ) : (
              "Choose a new time"
            )}
          </p>
          <Button variant="ghost" onClick={onClose}>
            Keep current time
          </Button>
          <Button onClick={() => void onConfirm()} disabled={!slot} loading={reschedule.isPending}>
            Confirm new time
          </Button>
        </>
      }
    >
      {error && (
        <Alert
          tone="error"
          className="mb-4"
          title={error.code === "CONFLICT" ? "That time isn't available any more" : undefined}
        >
          {error.message}
        </Alert>
      )}
      <SlotPicker
        mode="select"
        fixed
        hideNextAvailable
        instructorId={booking.instructorId}
        services={[
          {
            id: booking.serviceId,
            subjectName: booking.subjectName,
            durations: [booking.durationMinutes],
            hourlyRateCents: 0,
            currency: booking.currency,
          },
        ]}
        initialServiceId={booking.serviceId}
        initialDuration={booking.durationMinutes}
        zone={zone}
        selected={slot}
        onSelect={(s) => setSlot(s)}
      />
    </Dialog>
  );
}
