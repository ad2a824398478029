"use client";

import { useState } from "react";
import { toApiError } from "~/components/forms/api-error";
import { fmtLessonRange, formatMoney } from "~/components/time/format";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Dialog } from "~/components/ui/dialog";
import { Spinner } from "~/components/ui/spinner";
import { TextAreaField } from "~/components/ui/textarea-field";
import { api } from "~/trpc/react";
import type { BookingView } from "./labels";

/**
 * Cancel a lesson. The fee is the server's figure for cancelling *now* (re-read when the dialog opens), shown
 * before the person confirms.
 */
export function CancelDialog({
  booking,
  zone,
  open,
  onClose,
  onCancelled,
}: {
  booking: BookingView;
  zone: string;
  open: boolean;
  onClose: () => void;
  onCancelled: (b: BookingView) => void;
}) {
  const fresh = api.booking.get.useQuery(
    { bookingId: booking.id },
    { enabled: open, staleTime: 0, refetchOnMount: "always" },
  );
  const cancel = api.booking.cancel.useMutation();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const b = fresh.data ?? booking;
  const fee = b.cancellationFeeNowCents;
  const isInstructor = b.viewerRole === "instructor";

  async function onConfirm() {
    setError(null);
    try {
      onCancelled(await cancel.mutateAsync({ bookingId: b.id, reason }));
    } catch (err) {
      setError(toApiError(err).message);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Cancel this lesson?"
      description={`${b.subjectName} with ${isInstructor ? b.studentName : b.instructorName} · ${fmtLessonRange(b.startAt, b.endAt, zone)}`}
      size="sm"
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Keep lesson
          </Button>
          <Button
            variant="danger"
            onClick={() => void onConfirm()}
            loading={cancel.isPending}
            disabled={fresh.isFetching && !fresh.data}
          >
            Cancel lesson
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <div className="rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200" aria-live="polite">
          {fresh.isFetching && !fresh.data ? (
            <p className="flex items-center gap-2 text-sm text-slate-500">
              <Spinner /> Checking the cancellation fee…
            </p>
          ) : isInstructor ? (
            <>
              <p className="font-semibold text-slate-900">Free for the student</p>
              <p className="mt-1 text-sm text-slate-600">
                Cancellations by instructors are never charged to students, and they count on your record.
              </p>
            </>
          ) : fee === 0 ? (
            <>
              <p className="text-lg font-semibold text-emerald-700">Free cancellation</p>
              <p className="mt-1 text-sm text-slate-600">You won&apos;t be charged for this lesson.</p>
            </>
          ) : (
            <>
              <p className="text-sm text-slate-600">Cancellation fee</p>
              <p className="text-2xl font-bold text-slate-900" data-testid="cancellation-fee">
                {formatMoney(fee, b.currency)}
              </p>
              <p className="mt-1 text-sm text-slate-600">
                of the {formatMoney(b.priceCents, b.currency)} lesson price.
              </p>
              <p className="mt-2 text-xs text-slate-500">{b.terms.summary}</p>
            </>
          )}
        </div>
        <TextAreaField
          label="Reason (optional)"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          rows={2}
        />
        {error && <Alert tone="error">{error}</Alert>}
      </div>
    </Dialog>
  );
}
