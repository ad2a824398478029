"use client";

import Link from "next/link";
import { useState } from "react";
import { toApiError } from "~/components/forms/api-error";
import { buttonClass } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { HeartIcon } from "~/components/ui/icons-extra";
import { api } from "~/trpc/react";

/**
 * Save / unsave an instructor. Students toggle it (optimistically); signed-out visitors are invited to sign
 * in and come back; other roles don't see it.
 */
export function FavouriteButton({
  instructorId,
  viewerRole,
  className,
}: {
  instructorId: string;
  viewerRole: "student" | "instructor" | "admin" | null;
  className?: string;
}) {
  if (viewerRole === null) {
    return (
      <Link
        href={`/sign-in?callbackUrl=${encodeURIComponent(`/instructors/${instructorId}`)}`}
        className={cn(buttonClass("outline", "md"), className)}
      >
        <HeartIcon className="size-4" /> Sign in to save
      </Link>
    );
  }
  if (viewerRole !== "student") return null;
  return <StudentFavourite instructorId={instructorId} className={className} />;
}

function StudentFavourite({ instructorId, className }: { instructorId: string; className?: string }) {
  const utils = api.useUtils();
  const state = api.favourites.isFavourite.useQuery({ instructorId });
  const add = api.favourites.add.useMutation();
  const remove = api.favourites.remove.useMutation();
  const [error, setError] = useState<string | null>(null);
  const saved = state.data ?? false;
  const busy = add.isPending || remove.isPending;

  async function toggle() {
    setError(null);
    const next = !saved;
    utils.favourites.isFavourite.setData({ instructorId }, next);
    try {
      if (next) await add.mutateAsync({ instructorId });
      else await remove.mutateAsync({ instructorId });
      void utils.favourites.list.invalidate();
    } catch (err) {
      utils.favourites.isFavourite.setData({ instructorId }, !next);
      setError(toApiError(err).message);
    }
  }

  return (
    <div className="flex flex-col items-stretch">
      <button
        type="button"
        aria-pressed={saved}
        disabled={state.isPending || busy}
        onClick={() => void toggle()}
        className={cn(
          buttonClass("outline", "md"),
          saved && "border-rose-200 bg-rose-50 text-rose-700 hover:bg-rose-100",
          className,
        )}
      >
        <HeartIcon className={cn("size-4", saved && "fill-current")} /> {saved ? "Saved" : "Save"}
      </button>
      {error && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
