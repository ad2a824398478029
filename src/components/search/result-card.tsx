import Link from "next/link";
import { InstructorPhoto } from "~/components/profile/instructor-photo";
import { fmtDateTime, formatMoney, zoneAbbrev } from "~/components/time/format";
import { Badge } from "~/components/ui/badge";
import { CalendarIcon, MapPinIcon } from "~/components/ui/icons";
import { BadgeCheckIcon } from "~/components/ui/icons-extra";
import { RatingStars } from "~/components/ui/stars";
import { CARD_LESSON_TYPE, type SearchCardView } from "./labels";

/** One public result. The whole card is a link to the profile; opening it is logged for analytics. */
export function ResultCard({ card, zone, onOpen }: { card: SearchCardView; zone: string; onOpen: () => void }) {
  const place = card.neighbourhood
    ? [card.neighbourhood.name, card.neighbourhood.borough].filter(Boolean).join(", ")
    : null;
  return (
    <article className="relative flex h-full flex-col rounded-2xl border border-slate-200 bg-white p-4 shadow-card transition-shadow focus-within:ring-2 focus-within:ring-brand-600 hover:shadow-pop">
      <div className="flex items-start gap-3">
        <InstructorPhoto name={card.name} photoUrl={card.photoUrl} className="size-16 shrink-0 text-xl" />
        <div className="min-w-0 flex-1">
          <h3 className="flex items-center gap-1.5 text-base font-semibold text-slate-900">
            <Link
              href={`/instructors/${card.id}`}
              onClick={onOpen}
              className="truncate after:absolute after:inset-0 after:content-[''] focus:outline-none"
            >
              {card.name}
            </Link>
            {card.verified && <BadgeCheckIcon className="size-4 shrink-0 text-brand-600" aria-label="Verified" />}
          </h3>
          <p className="mt-0.5 line-clamp-2 text-sm text-slate-600">{card.headline}</p>
          <RatingStars avg={card.rating.avg} count={card.rating.count} className="mt-1.5" />
        </div>
      </div>

      <dl className="mt-4 grid gap-1.5 text-sm text-slate-700">
        <div className="flex items-center gap-2">
          <dt className="sr-only">Next available</dt>
          <CalendarIcon className="size-4 shrink-0 text-slate-400" />
          <dd>
            {card.nextAvailable ? (
              <>
                Next: <span className="font-medium text-slate-900">{fmtDateTime(card.nextAvailable.start, zone)}</span>{" "}
                <span className="text-slate-500">{zoneAbbrev(zone, card.nextAvailable.start)}</span>
              </>
            ) : (
              <span className="text-slate-500">No open times soon</span>
            )}
          </dd>
        </div>
        {(place ?? card.distanceBand) && (
          <div className="flex items-center gap-2">
            <dt className="sr-only">Where</dt>
            <MapPinIcon className="size-4 shrink-0 text-slate-400" />
            <dd>{[place, card.distanceBand].filter(Boolean).join(" · ")}</dd>
          </div>
        )}
      </dl>

      <div className="mt-auto flex items-end justify-between gap-2 pt-4">
        <ul aria-label="Lesson types" className="flex flex-wrap gap-1.5">
          {card.founding && (
            <li>
              <Badge tone="brand">Founding</Badge>
            </li>
          )}
          {card.lessonTypes.map((t) => (
            <li key={t}>
              <Badge>{CARD_LESSON_TYPE[t]}</Badge>
            </li>
          ))}
        </ul>
        <p className="shrink-0 text-right text-sm text-slate-600">
          from{" "}
          <span className="text-lg font-bold text-slate-900">
            {formatMoney(card.priceFromCents, card.currency, { whole: true })}
          </span>
        </p>
      </div>
    </article>
  );
}

export function ResultCardSkeleton() {
  return (
    <div className="h-52 rounded-2xl border border-slate-200 bg-white p-4">
      <div className="flex gap-3">
        <div className="size-16 animate-pulse rounded-2xl bg-slate-100" />
        <div className="flex-1 space-y-2">
          <div className="h-4 w-1/2 animate-pulse rounded bg-slate-100" />
          <div className="h-3 w-full animate-pulse rounded bg-slate-100" />
          <div className="h-3 w-1/3 animate-pulse rounded bg-slate-100" />
        </div>
      </div>
      <div className="mt-6 h-3 w-2/3 animate-pulse rounded bg-slate-100" />
      <div className="mt-3 h-3 w-1/2 animate-pulse rounded bg-slate-100" />
    </div>
  );
}
