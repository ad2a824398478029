"use client";

import { useState } from "react";
import { toApiError } from "~/components/forms/api-error";
import { ReportDialog } from "~/components/moderation/report-dialog";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Spinner } from "~/components/ui/spinner";
import { RatingStars } from "~/components/ui/stars";
import { formatInZone } from "~/lib/time/zoned";
import { api } from "~/trpc/react";
import { REVIEWS_PAGE } from "./reviews-page";

const PAGE = REVIEWS_PAGE;

/** Public reviews of an instructor, newest first, "Show more" pages through the cursor. */
export function ReviewsList({ instructorId, zone }: { instructorId: string; zone: string | null }) {
  const q = api.booking.reviews.useInfiniteQuery(
    { instructorId, limit: PAGE },
    { getNextPageParam: (last) => last.nextCursor ?? undefined },
  );
  if (q.isPending)
    return (
      <p className="flex items-center gap-2 text-sm text-slate-500">
        <Spinner /> Loading reviews…
      </p>
    );
  if (q.isError) return <Alert tone="error">{toApiError(q.error).message}</Alert>;
  const items = q.data.pages.flatMap((p) => p.items);
  if (items.length === 0)
    return (
      <p className="rounded-xl bg-slate-50 px-4 py-6 text-center text-sm text-slate-600">
        No reviews yet. Reviews come from students after completed lessons.
      </p>
    );
  return (
    <div>
      <ul className="divide-y divide-slate-100" aria-label="Reviews">
        {items.map((r) => (
          <li key={r.id} className="py-4 first:pt-0">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <RatingStars avg={r.rating} />
              <span className="text-sm font-semibold text-slate-900">{r.studentName}</span>
              <span className="text-xs text-slate-500">{formatInZone(r.createdAt, zone ?? "UTC", "LLLL d, yyyy")}</span>
              <ReportReview reviewId={r.id} />
            </div>
            {r.body && <p className="mt-2 text-sm whitespace-pre-line text-slate-700">{r.body}</p>}
            {r.reply && (
              <div className="mt-3 rounded-lg border-l-4 border-brand-200 bg-brand-50/50 px-3 py-2">
                <p className="text-xs font-semibold text-brand-800">Reply from the instructor</p>
                <p className="mt-1 text-sm whitespace-pre-line text-slate-700">{r.reply}</p>
              </div>
            )}
          </li>
        ))}
      </ul>
      {q.hasNextPage && (
        <Button
          variant="outline"
          size="sm"
          className="mt-2"
          onClick={() => void q.fetchNextPage()}
          loading={q.isFetchingNextPage}
        >
          Show more reviews
        </Button>
      )}
    </div>
  );
}

/** "Report" on a review: asks why and sends it to the moderators (signed-in users; one report per person). */
function ReportReview({ reviewId }: { reviewId: string }) {
  const utils = api.useUtils();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="ml-auto text-xs text-slate-500 underline-offset-2 hover:text-slate-800 hover:underline"
      >
        Report<span className="sr-only"> this review</span>
      </button>
      <ReportDialog
        open={open}
        onClose={() => setOpen(false)}
        title="Report this review?"
        description="Tell us what is wrong with it. A moderator will review it."
        submit={(reason) => utils.client.reports.review.mutate({ reviewId, reason })}
      />
    </>
  );
}
