import type { Metadata } from "next";
import { FavouritesList } from "~/components/profile/favourites-list";
import { requireUser } from "~/components/shell/current-user";
import { ButtonLink } from "~/components/ui/button";

export const metadata: Metadata = { title: "Saved instructors" };

export default async function FavouritesPage() {
  const me = await requireUser("/favourites");
  if (me.role !== "student") {
    return (
      <div className="mx-auto max-w-lg px-4 py-20 text-center">
        <h1 className="text-2xl font-bold text-slate-900">Saving instructors is for students</h1>
        <ButtonLink href="/" variant="outline" className="mt-6">
          Go home
        </ButtonLink>
      </div>
    );
  }
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10 sm:px-6">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Saved instructors</h1>
      <p className="mt-1.5 text-slate-600">Instructors you&apos;ve saved, newest first.</p>
      <div className="mt-8">
        <FavouritesList />
      </div>
    </div>
  );
}
