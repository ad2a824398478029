"use client";

import { useId, useState, type FormEvent } from "react";
import { toApiError } from "~/components/forms/api-error";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { StarIcon } from "~/components/ui/icons";
import { TextAreaField } from "~/components/ui/textarea-field";
import { api } from "~/trpc/react";

const WORDS = ["", "Poor", "Fair", "Good", "Very good", "Excellent"];

/** 1–5 stars as a radio group (arrow keys move between stars) plus text; creates or edits a review. */
export function ReviewForm({
  bookingId,
  existing,
  onDone,
  onCancel,
}: {
  bookingId: string;
  existing?: { id: string; rating: number; body: string } | null;
  onDone: (r: { id: string; rating: number; body: string }) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const create = api.booking.createReview.useMutation();
  const update = api.booking.updateReview.useMutation();
  const utils = api.useUtils();
  const [rating, setRating] = useState(existing?.rating ?? 0);
  const [hover, setHover] = useState(0);
  const [body, setBody] = useState(existing?.body ?? "");
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (rating < 1) {
      setError("Choose a rating from 1 to 5 stars.");
      return;
    }
    setError(null);
    try {
      const r = existing
        ? await update.mutateAsync({ reviewId: existing.id, rating, body })
        : await create.mutateAsync({ bookingId, rating, body });
      void utils.booking.invalidate();
      onDone({ id: r?.id ?? existing?.id ?? "", rating, body });
    } catch (err) {
      setError(toApiError(err).message);
    }
  }

  const shown = hover || rating;
  return (
    <form
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-label={existing ? "Edit your review" : "Review this lesson"}
      className="space-y-4"
    >
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium text-slate-800">Your rating</legend>
        <div role="radiogroup" aria-label="Rating" className="flex items-center gap-1" onMouseLeave={() => setHover(0)}>
          {[1, 2, 3, 4, 5].map((n) => (
            <label
              key={n}
              className="relative cursor-pointer rounded-md p-0.5 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600"
              onMouseEnter={() => setHover(n)}
            >
              {/* Transparent over the star: the radio itself takes the click, keyboard and screen reader. */}
              <input
                type="radio"
                name={`${id}-rating`}
                value={n}
                checked={rating === n}
                onChange={() => setRating(n)}
                className="absolute inset-0 z-[1] m-0 cursor-pointer appearance-none opacity-0"
                aria-label={`${n} ${n === 1 ? "star" : "stars"}`}
              />
              <StarIcon
                className={cn("size-8 transition-colors", n <= shown ? "text-amber-400" : "text-slate-300")}
                fill="currentColor"
                strokeWidth={0}
              />
            </label>
          ))}
          <span className="ml-2 text-sm font-medium text-slate-700" aria-hidden="true">
            {WORDS[shown]}
          </span>
        </div>
      </fieldset>
      <TextAreaField
        label="Your review"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        maxLength={2000}
        rows={4}
        showCount
        placeholder="What was the lesson like? What did you learn?"
        hint="Shown on the instructor's profile with your first name and last initial. You can edit it for 7 days."
      />
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex gap-2">
        <Button type="submit" loading={create.isPending || update.isPending}>
          {existing ? "Save review" : "Post review"}
        </Button>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
