"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useDeferredValue, useState, type FormEvent } from "react";
import { toApiError, type ApiError } from "~/components/forms/api-error";
import { useHydrated } from "~/components/forms/use-hydrated";
import { InstructorPhoto } from "~/components/profile/instructor-photo";
import { fmtDayLong, fmtTime, formatMoney, zoneAbbrev, zoneLabel } from "~/components/time/format";
import { Alert } from "~/components/ui/alert";
import { Button, ButtonLink } from "~/components/ui/button";
import { RadioCards } from "~/components/ui/choice";
import { SelectField, TextField } from "~/components/ui/field";
import { CalendarIcon } from "~/components/ui/icons";
import { ClockIcon } from "~/components/ui/icons-extra";
import { Spinner } from "~/components/ui/spinner";
import { TextAreaField } from "~/components/ui/textarea-field";
import { api, type RouterInputs, type RouterOutputs } from "~/trpc/react";
import { locationLabel, type LocationType } from "./labels";
import { PolicyTerms } from "./policy-terms";

type Borough = RouterOutputs["catalog"]["regions"][number];
type LocationInput = RouterInputs["booking"]["quote"]["location"];

export type BookingFormProps = {
  instructor: { id: string; name: string; photoUrl: string | null };
  service: { id: string; subjectName: string; locationTypes: LocationType[] };
  start: string;
  durationMinutes: 30 | 45 | 60 | 90;
  zone: string;
  /** Neighbourhoods students can pick for a lesson at their place (the instructor's areas). */
  boroughs: Borough[];
};

const LOCATION_HINT: Record<LocationType, string> = {
  student_location: "The instructor comes to your home.",
  instructor_location: "You go to the instructor's place. The address is shared once you've booked.",
  online: "A video lesson. You'll get the link before the lesson.",
  neutral_location: "A library, park or café you agree on.",
};

/**
 * Booking: location, notes, the server's quote (price + cancellation terms), then Confirm. One idempotency key
 * per page visit, so a double click or a retried request books once.
 */
export function BookingForm({ instructor, service, start, durationMinutes, zone, boroughs }: BookingFormProps) {
  const router = useRouter();
  const hydrated = useHydrated();
  const startAt = new Date(start);
  const endAt = new Date(startAt.getTime() + durationMinutes * 60_000);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [type, setType] = useState<LocationType>(service.locationTypes[0] ?? "online");
  const [regionId, setRegionId] = useState("");
  const [addressLine, setAddressLine] = useState("");
  const [details, setDetails] = useState("");
  const [notes, setNotes] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const create = api.booking.create.useMutation();

  const location: LocationInput | null =
    type === "student_location"
      ? regionId && addressLine.trim().length >= 3
        ? { type, regionId, addressLine: addressLine.trim() }
        : null
      : type === "neutral_location"
        ? details.trim().length >= 3
          ? { type, details: details.trim() }
          : null
        : { type };
  // Quote the settled input, not every keystroke.
  const settled = useDeferredValue(JSON.stringify(location));
  const quoteInput = settled !== "null" ? { instructorServiceId: service.id, start: startAt, durationMinutes, location: JSON.parse(settled) as LocationInput } : null;
  const quote = api.booking.quote.useQuery(quoteInput ?? { instructorServiceId: service.id, start: startAt, durationMinutes, location: { type: "online" } }, {
    enabled: quoteInput !== null,
    placeholderData: (prev) => prev,
    retry: false,
  });
  const quoteError = quote.isError ? toApiError(quote.error) : null;
  const taken = (e: ApiError | null) => e?.code === "CONFLICT";

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!location) return;
    setError(null);
    try {
      const b = await create.mutateAsync({ instructorServiceId: service.id, start: startAt, durationMinutes, location, notes, idempotencyKey });
      router.push(`/lessons/${b.id}?booked=1`);
    } catch (err) {
      setError(toApiError(err));
    }
  }

  const backToCalendar = `/instructors/${instructor.id}#availability`;
  const conflict = taken(error) || taken(quoteError);

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Book this lesson" className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <div className="min-w-0 space-y-6">
        <section aria-labelledby="summary-title" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-card">
          <h2 id="summary-title" className="sr-only">
            Lesson summary
          </h2>
          <div className="flex items-start gap-4">
            <InstructorPhoto name={instructor.name} photoUrl={instructor.photoUrl} className="size-16 shrink-0 text-lg" />
            <div className="min-w-0">
              <p className="text-lg font-semibold text-slate-900">
                {service.subjectName} with {instructor.name}
              </p>
              <p className="mt-1 flex items-center gap-2 text-slate-700">
                <CalendarIcon className="size-4 text-slate-400" /> {fmtDayLong(startAt, zone)}
              </p>
              <p className="flex items-center gap-2 text-slate-700">
                <ClockIcon className="size-4 text-slate-400" /> {fmtTime(startAt, zone)} – {fmtTime(endAt, zone)} {zoneAbbrev(zone, startAt)} · {durationMinutes} min
              </p>
              <p className="mt-1 text-xs text-slate-500">Times in {zoneLabel(zone, startAt)}.</p>
            </div>
          </div>
        </section>

        {conflict && (
          <Alert tone="error" title="That time was just booked — pick another">
            {(error ?? quoteError)?.message}{" "}
            <Link href={backToCalendar} className="font-semibold underline">
              Back to {instructor.name}&apos;s calendar
            </Link>
          </Alert>
        )}

        <section aria-labelledby="where-title" className="space-y-4">
          <h2 id="where-title" className="text-lg font-semibold text-slate-900">
            Where
          </h2>
          <RadioCards
            legend={<span className="sr-only">Lesson location</span>}
            name="location"
            value={type}
            onChange={(v) => {
              setType(v);
              setError(null);
            }}
            options={service.locationTypes.map((t) => ({ value: t, label: locationLabel(t, "student"), hint: LOCATION_HINT[t] }))}
          />
          {type === "student_location" && (
            <div className="grid gap-4 sm:grid-cols-2">
              <SelectField label="Neighbourhood" value={regionId} onChange={(e) => setRegionId(e.target.value)} required hint="Only neighbourhoods this instructor travels to are listed.">
                <option value="">Choose your neighbourhood</option>
                {boroughs.map((b) => (
                  <optgroup key={b.id} label={b.name}>
                    {b.neighbourhoods.map((n) => (
                      <option key={n.id} value={n.id}>
                        {n.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </SelectField>
              <TextField
                label="Street address"
                autoComplete="street-address"
                value={addressLine}
                onChange={(e) => setAddressLine(e.target.value)}
                maxLength={200}
                required
                hint="Shared only with your instructor."
              />
            </div>
          )}
          {type === "neutral_location" && (
            <TextField label="Meeting place" value={details} onChange={(e) => setDetails(e.target.value)} maxLength={200} placeholder="Brooklyn Public Library, Central branch" required />
          )}
        </section>

        <section aria-labelledby="notes-title">
          <h2 id="notes-title" className="sr-only">
            Notes
          </h2>
          <TextAreaField
            label="Anything your instructor should know? (optional)"
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            maxLength={1000}
            rows={3}
            placeholder="Goals, level, what you'd like to work on…"
          />
        </section>
      </div>

      <aside aria-labelledby="price-title" className="lg:sticky lg:top-24 lg:self-start">
        <div className="rounded-2xl border border-slate-200 bg-white p-5 shadow-card">
          <h2 id="price-title" className="text-lg font-semibold text-slate-900">
            Price
          </h2>
          {!quoteInput ? (
            <p className="mt-2 text-sm text-slate-600">Choose where the lesson happens to see the price.</p>
          ) : quote.isPending ? (
            <p className="mt-2 flex items-center gap-2 text-sm text-slate-500">
              <Spinner /> Getting the price…
            </p>
          ) : quote.data ? (
            <div aria-busy={quote.isFetching} className="mt-3 space-y-4">
              <dl className="space-y-1.5 text-sm">
                <div className="flex justify-between gap-3">
                  <dt className="text-slate-600">
                    {formatMoney(quote.data.hourlyRateCents, quote.data.currency)}/hour × {quote.data.durationMinutes} min
                  </dt>
                  <dd className="text-slate-900">{formatMoney(quote.data.priceCents, quote.data.currency)}</dd>
                </div>
                <div className="flex justify-between gap-3 border-t border-slate-100 pt-2 text-base font-semibold">
                  <dt>Total</dt>
                  <dd data-testid="quote-total">{formatMoney(quote.data.priceCents, quote.data.currency)}</dd>
                </div>
              </dl>
              <PolicyTerms terms={quote.data.terms} currency={quote.data.currency} zone={zone} />
            </div>
          ) : null}
          {quoteError && !taken(quoteError) && (
            <Alert tone="error" className="mt-3">
              {quoteError.message}
            </Alert>
          )}
          {error && !taken(error) && (
            <Alert tone="error" className="mt-3">
              {error.message}
            </Alert>
          )}
          <Button type="submit" size="lg" className="mt-5 w-full" disabled={!hydrated || !location || !quote.data || quote.isError || conflict} loading={create.isPending}>
            {create.isPending ? "Booking…" : "Confirm booking"}
          </Button>
          <p className="mt-3 text-center text-xs text-slate-500">You won&apos;t be charged until after your lesson.</p>
          {conflict && (
            <ButtonLink href={backToCalendar} variant="outline" className="mt-3 w-full">
              Pick another time
            </ButtonLink>
          )}
        </div>
      </aside>
    </form>
  );
}
