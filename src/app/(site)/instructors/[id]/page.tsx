import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { AGE_LABEL, LEVEL_LABEL, LOCATION_SHORT } from "~/components/booking/labels";
import { FavouriteButton } from "~/components/profile/favourite-button";
import { InstructorPhoto } from "~/components/profile/instructor-photo";
import { ProfileBooking } from "~/components/profile/profile-booking";
import { ProfileReviews } from "~/components/profile/profile-reviews";
import { getMe } from "~/components/shell/current-user";
import { formatMoney } from "~/components/time/format";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { ButtonLink } from "~/components/ui/button";
import { LanguagesIcon, MapPinIcon, MessageIcon, VideoIcon } from "~/components/ui/icons";
import { AwardIcon, BadgeCheckIcon, CarIcon, HomeIcon } from "~/components/ui/icons-extra";
import { RatingStars } from "~/components/ui/stars";
import { defaultDuration, slotRange } from "~/components/booking/slot-range";
import { REVIEWS_PAGE } from "~/components/profile/reviews-page";
import { localDateToday } from "~/lib/time/zoned";
import { HydrateClient, prefetch, serverApi } from "~/trpc/server";

type Params = Promise<{ id: string }>;

/** The public profile, or null for an unknown or malformed id. */
const loadProfile = cache(async (id: string) => {
  try {
    return await (await serverApi()).instructor.publicProfile({ id });
  } catch (e) {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) return null;
    throw e;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const p = await loadProfile((await params).id);
  if (!p) return { title: "Instructor not found" };
  const subjects = p.services.map((s) => s.subject.name).join(", ");
  return {
    title: `${p.name} — ${subjects || "Instructor"}`,
    description: p.headline || `Book lessons with ${p.name} on InstaInstru.`,
  };
}

export default async function InstructorProfilePage({ params }: { params: Params }) {
  const { id } = await params;
  const [p, me] = await Promise.all([loadProfile(id), getMe().catch(() => null)]);
  if (!p) notFound();

  const ways = [
    p.offersTravel && { Icon: CarIcon, label: "Travels to you" },
    p.offersAtLocation && { Icon: HomeIcon, label: "At their place" },
    p.offersOnline && { Icon: VideoIcon, label: "Online" },
  ].filter((x): x is { Icon: typeof CarIcon; label: string } => Boolean(x));
  const isSelf = me?.id === p.id;
  await prefetchProfileData(p.id, p.services, me?.timeZone ?? null);
  const pickerServices = p.services.map((s) => ({
    id: s.id,
    subjectName: s.subject.name,
    durations: s.durations,
    hourlyRateCents: s.hourlyRateCents,
    currency: s.currency,
  }));

  return (
    <HydrateClient>
      <div className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6 lg:px-8 lg:py-12">
        {isSelf && (
          <Alert tone="info" className="mb-6">
            This is how students see your profile.{" "}
            <Link href="/instructor/profile" className="font-semibold underline">
              Edit your profile
            </Link>
          </Alert>
        )}

        <header className="flex flex-col gap-6 sm:flex-row sm:items-start">
          <InstructorPhoto name={p.name} photoUrl={p.photoUrl} className="size-28 shrink-0 text-3xl sm:size-36" />
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-2">
              <h1 className="text-3xl font-bold tracking-tight text-slate-900">{p.name}</h1>
              {p.verified && (
                <Badge tone="success">
                  <BadgeCheckIcon className="size-3.5" /> Verified
                </Badge>
              )}
              {p.founding && (
                <Badge tone="warning">
                  <AwardIcon className="size-3.5" /> Founding instructor
                </Badge>
              )}
            </div>
            {p.headline && <p className="mt-1.5 text-lg text-slate-700">{p.headline}</p>}
            <div className="mt-3 flex flex-wrap items-center gap-x-5 gap-y-2 text-sm text-slate-600">
              <RatingStars avg={p.rating.avg} count={p.rating.count} />
              {p.neighbourhood && (
                <span className="inline-flex items-center gap-1.5">
                  <MapPinIcon className="size-4 text-slate-400" />
                  {p.neighbourhood.name}
                  {p.neighbourhood.borough ? `, ${p.neighbourhood.borough}` : ""}
                </span>
              )}
              {p.languages.length > 0 && (
                <span className="inline-flex items-center gap-1.5">
                  <LanguagesIcon className="size-4 text-slate-400" />
                  <span className="sr-only">Speaks </span>
                  {p.languages.join(", ")}
                </span>
              )}
              {p.yearsExperience > 0 && (
                <span>
                  {p.yearsExperience} {p.yearsExperience === 1 ? "year" : "years"} teaching
                </span>
              )}
            </div>
            {ways.length > 0 && (
              <ul className="mt-3 flex flex-wrap gap-2" aria-label="Lesson types">
                {ways.map(({ Icon, label }) => (
                  <li
                    key={label}
                    className="inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-3 py-1 text-sm font-medium text-slate-700"
                  >
                    <Icon className="size-4" /> {label}
                  </li>
                ))}
              </ul>
            )}
          </div>
          {!isSelf && (
            <div className="grid w-full shrink-0 grid-cols-2 gap-2 sm:w-48 sm:grid-cols-1">
              {p.services.length > 0 && (
                <ButtonLink href="#availability" className="col-span-2 w-full sm:col-span-1 lg:hidden">
                  See open times
                </ButtonLink>
              )}
              <FavouriteButton instructorId={p.id} viewerRole={me?.role ?? null} className="w-full" />
              {me?.role !== "instructor" && (
                <ButtonLink href={`/inbox?to=${p.id}`} variant="outline" className="w-full">
                  <MessageIcon className="size-4" /> Message
                </ButtonLink>
              )}
            </div>
          )}
        </header>

        <div className="mt-10 grid grid-cols-1 gap-10 lg:grid-cols-[minmax(0,1fr)_26rem]">
          <div className="min-w-0 space-y-10">
            <section aria-labelledby="about-title">
              <h2 id="about-title" className="text-xl font-semibold text-slate-900">
                About {p.name.split(" ")[0]}
              </h2>
              {p.bio ? (
                <p className="mt-3 whitespace-pre-line text-slate-700">{p.bio}</p>
              ) : (
                <p className="mt-3 text-slate-500">No bio yet.</p>
              )}
            </section>

            <section aria-labelledby="services-title">
              <h2 id="services-title" className="text-xl font-semibold text-slate-900">
                Lessons
              </h2>
              {p.services.length === 0 ? (
                <p className="mt-3 text-slate-500">No lessons offered right now.</p>
              ) : (
                <ul className="mt-4 space-y-3">
                  {p.services.map((s) => (
                    <li key={s.id} className="rounded-2xl border border-slate-200 p-4 sm:p-5">
                      <div className="flex flex-wrap items-baseline justify-between gap-2">
                        <h3 className="text-lg font-semibold text-slate-900">{s.subject.name}</h3>
                        <p className="text-slate-900">
                          <span className="text-lg font-bold">
                            {formatMoney(s.hourlyRateCents, s.currency, { whole: true })}
                          </span>
                          <span className="text-sm text-slate-500"> / hour</span>
                        </p>
                      </div>
                      <p className="mt-1 text-sm text-slate-600">{s.durations.map((d) => `${d} min`).join(" · ")}</p>
                      <div className="mt-3 flex flex-wrap gap-1.5">
                        {s.locationTypes.map((l) => (
                          <Badge key={l} tone="brand">
                            {LOCATION_SHORT[l]}
                          </Badge>
                        ))}
                        {s.ageGroups.map((a) => (
                          <Badge key={a}>{AGE_LABEL[a]}</Badge>
                        ))}
                        {s.levels.map((l) => (
                          <Badge key={l}>{LEVEL_LABEL[l]}</Badge>
                        ))}
                      </div>
                      {s.description && (
                        <p className="mt-3 text-sm whitespace-pre-line text-slate-700">{s.description}</p>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </section>

            {p.serviceAreas.length > 0 && p.offersTravel && (
              <section aria-labelledby="areas-title">
                <h2 id="areas-title" className="text-xl font-semibold text-slate-900">
                  Travels to
                </h2>
                <p className="mt-3 text-slate-700">{p.serviceAreas.map((a) => a.name).join(" · ")}</p>
              </section>
            )}

            <section aria-labelledby="reviews-title">
              <h2 id="reviews-title" className="flex items-center gap-3 text-xl font-semibold text-slate-900">
                Reviews <span className="text-base font-normal text-slate-500">({p.rating.count})</span>
              </h2>
              <div className="mt-4">
                <ProfileReviews instructorId={p.id} viewerZone={me?.timeZone ?? null} />
              </div>
            </section>
          </div>

          <aside
            aria-labelledby="availability-title"
            id="availability"
            className="min-w-0 scroll-mt-24 lg:sticky lg:top-24 lg:self-start"
          >
            <div className="rounded-2xl border border-slate-200 bg-white p-5 shadow-card">
              <h2 id="availability-title" className="text-xl font-semibold text-slate-900">
                Book a lesson
              </h2>
              {!p.listed && (
                <p className="mt-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
                  {p.name} isn&apos;t fully set up for bookings yet
                  {p.services.length ? ", but you can still book the open times below." : "."}
                </p>
              )}
              <div className="mt-4">
                {p.services.length === 0 ? (
                  <p className="text-sm text-slate-600">
                    No lessons to book right now. Save this instructor to come back later.
                  </p>
                ) : (
                  <ProfileBooking instructorId={p.id} services={pickerServices} viewerZone={me?.timeZone ?? null} />
                )}
              </div>
            </div>
          </aside>
        </div>
      </div>
    </HydrateClient>
  );
}

/**
 * The profile's client parts ask for reviews, the next available time and (once the viewer's zone is known) the
 * first two weeks of slots; prefetching the same queries here puts them in the first paint. A signed-out visitor's
 * zone is the browser's, unknown on the server, so their slots still load in the browser. Failures are left to the
 * client components, which show them.
 */
async function prefetchProfileData(
  instructorId: string,
  services: { id: string; durations: number[] }[],
  zone: string | null,
): Promise<void> {
  const first = services[0];
  await Promise.all([
    prefetch.booking.reviews.prefetchInfinite({ instructorId, limit: REVIEWS_PAGE }),
    prefetch.availability.nextAvailable.prefetch({ instructorId }),
    first && zone
      ? prefetch.availability.getSlots.prefetch({
          instructorServiceId: first.id,
          duration: defaultDuration(first.durations),
          ...slotRange(localDateToday(zone), zone),
        })
      : undefined,
  ]);
}
