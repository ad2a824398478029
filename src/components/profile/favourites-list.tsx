"use client";

import Link from "next/link";
import { toApiError } from "~/components/forms/api-error";
import { formatMoney } from "~/components/time/format";
import { Alert } from "~/components/ui/alert";
import { Button, ButtonLink } from "~/components/ui/button";
import { MapPinIcon } from "~/components/ui/icons";
import { HeartIcon } from "~/components/ui/icons-extra";
import { Spinner } from "~/components/ui/spinner";
import { RatingStars } from "~/components/ui/stars";
import { api } from "~/trpc/react";
import { InstructorPhoto } from "./instructor-photo";

/** The student's saved instructors as cards, with remove. */
export function FavouritesList() {
  const utils = api.useUtils();
  const list = api.favourites.list.useQuery();
  const remove = api.favourites.remove.useMutation({
    onSuccess: async (r) => {
      utils.favourites.isFavourite.setData({ instructorId: r.instructorId }, false);
      await utils.favourites.list.invalidate();
    },
  });

  if (list.isPending)
    return (
      <p className="flex items-center gap-2 text-sm text-slate-500">
        <Spinner /> Loading…
      </p>
    );
  if (list.isError) return <Alert tone="error">{toApiError(list.error).message}</Alert>;
  if (list.data.length === 0)
    return (
      <div className="rounded-2xl border border-dashed border-slate-300 bg-slate-50 px-6 py-12 text-center">
        <HeartIcon className="mx-auto size-8 text-slate-400" />
        <h2 className="mt-3 text-lg font-semibold text-slate-900">No saved instructors yet</h2>
        <p className="mx-auto mt-1 max-w-md text-slate-600">
          Tap “Save” on an instructor&apos;s profile to keep them here.
        </p>
        <ButtonLink href="/search" className="mt-5">
          Find an instructor
        </ButtonLink>
      </div>
    );

  return (
    <>
      {remove.isError && (
        <Alert tone="error" className="mb-4">
          {toApiError(remove.error).message}
        </Alert>
      )}
      <ul className="grid gap-4 sm:grid-cols-2" aria-label="Saved instructors">
        {list.data.map((c) => (
          <li key={c.id} className="flex gap-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-card">
            <InstructorPhoto name={c.name} photoUrl={c.photoUrl} className="size-20 shrink-0 text-xl" />
            <div className="min-w-0 flex-1">
              <h2 className="font-semibold text-slate-900">
                <Link href={`/instructors/${c.id}`} className="hover:text-brand-700">
                  {c.name}
                </Link>
              </h2>
              {c.headline && <p className="line-clamp-2 text-sm text-slate-600">{c.headline}</p>}
              <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
                <RatingStars avg={c.rating.avg} count={c.rating.count} />
                {c.neighbourhood && (
                  <span className="inline-flex items-center gap-1">
                    <MapPinIcon className="size-3.5" /> {c.neighbourhood.name}
                  </span>
                )}
                {c.fromRateCents !== null && <span>from {formatMoney(c.fromRateCents, "USD", { whole: true })}/h</span>}
              </div>
              <p className="mt-1 text-xs text-slate-500">{c.subjects.map((s) => s.name).join(" · ")}</p>
              <div className="mt-3 flex gap-2">
                <ButtonLink href={`/instructors/${c.id}#availability`} size="sm">
                  See times
                </ButtonLink>
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => remove.mutate({ instructorId: c.id })}
                  loading={remove.isPending && remove.variables.instructorId === c.id}
                  aria-label={`Remove ${c.name} from saved`}
                >
                  Remove
                </Button>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
