"use client";

import { useState, type FormEvent } from "react";
import { toApiError } from "~/components/forms/api-error";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Spinner } from "~/components/ui/spinner";
import { RatingStars } from "~/components/ui/stars";
import { TextAreaField } from "~/components/ui/textarea-field";
import { formatInZone } from "~/lib/time/zoned";
import { api } from "~/trpc/react";

/** Reviews students left, newest first, with a one-time reply each. */
export function ReviewsManager({ instructorId, timeZone }: { instructorId: string; timeZone: string }) {
  const q = api.booking.reviews.useInfiniteQuery(
    { instructorId, limit: 10 },
    { getNextPageParam: (l) => l.nextCursor ?? undefined },
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
      <p className="rounded-xl bg-slate-50 px-4 py-8 text-center text-sm text-slate-600">
        No reviews yet. Students can review lessons once they&apos;re complete.
      </p>
    );
  return (
    <div>
      <ul className="space-y-4" aria-label="Reviews of your lessons">
        {items.map((r) => (
          <li key={r.id} className="rounded-2xl border border-slate-200 bg-white p-4">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <RatingStars avg={r.rating} />
              <span className="text-sm font-semibold text-slate-900">{r.studentName}</span>
              <span className="text-xs text-slate-500">{formatInZone(r.createdAt, timeZone, "LLL d, yyyy")}</span>
            </div>
            {r.body && <p className="mt-2 text-sm whitespace-pre-line text-slate-700">{r.body}</p>}
            {r.reply ? (
              <div className="mt-3 rounded-lg border-l-4 border-brand-200 bg-brand-50/50 px-3 py-2">
                <p className="text-xs font-semibold text-brand-800">Your reply</p>
                <p className="mt-1 text-sm whitespace-pre-line text-slate-700">{r.reply}</p>
              </div>
            ) : (
              <ReplyForm reviewId={r.id} studentName={r.studentName} onDone={() => void q.refetch()} />
            )}
          </li>
        ))}
      </ul>
      {q.hasNextPage && (
        <Button
          variant="outline"
          size="sm"
          className="mt-3"
          onClick={() => void q.fetchNextPage()}
          loading={q.isFetchingNextPage}
        >
          Show more reviews
        </Button>
      )}
    </div>
  );
}

function ReplyForm({ reviewId, studentName, onDone }: { reviewId: string; studentName: string; onDone: () => void }) {
  const reply = api.booking.replyToReview.useMutation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await reply.mutateAsync({ reviewId, reply: text });
      onDone();
    } catch (err) {
      setError(toApiError(err).message);
    }
  }

  if (!open)
    return (
      <Button variant="ghost" size="sm" className="mt-2 -ml-2" onClick={() => setOpen(true)}>
        Reply
      </Button>
    );
  return (
    <form onSubmit={(e) => void onSubmit(e)} className="mt-3 space-y-2" aria-label={`Reply to ${studentName}`}>
      <TextAreaField
        label={`Reply to ${studentName}`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={2000}
        rows={3}
        hint="Public, and you can reply only once."
      />
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex gap-2">
        <Button type="submit" size="sm" loading={reply.isPending} disabled={!text.trim()}>
          Post reply
        </Button>
        <Button variant="ghost" size="sm" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
