"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useDeferredValue, useId, useState, type FormEvent } from "react";
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
import { CardPicker, useCardChoice } from "./card-picker";
import { locationLabel, type LocationType } from "./labels";
import { AUTHORIZE_HOURS_BEFORE, CAPTURE_HOURS_AFTER, atInZone } from "./payment-labels";
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

/** A refused payment inside `booking.create` (the booking was cancelled by the system; nothing is booked). */
const isDecline = (e: ApiError | null) =>
  e?.details.reason === "PAYMENT_DECLINED" || (e?.code === "BAD_REQUEST" && typeof e.details.declineCode === "string");

/**
 * Booking: location, notes, payment (saved card or a new one; credits first), the server's quote (price +
 * cancellation terms), then Confirm. One idempotency key per attempt, so a double click or a retried request
 * books once, while a new attempt after a decline is a new booking.
 */
export function BookingForm({ instructor, service, start, durationMinutes, zone, boroughs }: BookingFormProps) {
  const router = useRouter();
  const hydrated = useHydrated();
  const startAt = new Date(start);
  const endAt = new Date(startAt.getTime() + durationMinutes * 60_000);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [now] = useState(() => Date.now());
  const formId = useId();
  const [type, setType] = useState<LocationType>(service.locationTypes[0] ?? "online");
  const [regionId, setRegionId] = useState("");
  const [addressLine, setAddressLine] = useState("");
  const [details, setDetails] = useState("");
  const [notes, setNotes] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const create = api.booking.create.useMutation();
  const cardChoice = useCardChoice();
  const credits = api.payments.credits.useQuery(undefined, { staleTime: 30_000 });

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
  const quoteInput =
    settled !== "null"
      ? {
          instructorServiceId: service.id,
          start: startAt,
          durationMinutes,
          location: JSON.parse(settled) as LocationInput,
        }
      : null;
  const quote = api.booking.quote.useQuery(
    quoteInput ?? { instructorServiceId: service.id, start: startAt, durationMinutes, location: { type: "online" } },
    {
      enabled: quoteInput !== null,
      placeholderData: (prev) => prev,
      retry: false,
    },
  );
  const quoteError = quote.isError ? toApiError(quote.error) : null;
  const taken = (e: ApiError | null) => e?.code === "CONFLICT";

  // Credits are applied first; the card pays the rest.
  const priceCents = quote.data?.priceCents ?? 0;
  const creditAppliedCents = Math.min(credits.data?.balanceCents ?? 0, priceCents);
  const cardAmountCents = priceCents - creditAppliedCents;
  const needsCard = !quote.data || cardAmountCents > 0;
  const paymentMethodId = needsCard ? cardChoice.selected : null;
  const holdNow = startAt.getTime() - AUTHORIZE_HOURS_BEFORE * 3_600_000 <= now;
  const holdAt = new Date(startAt.getTime() - AUTHORIZE_HOURS_BEFORE * 3_600_000);
  const chargeAt = new Date(endAt.getTime() + CAPTURE_HOURS_AFTER * 3_600_000);
  const declined = isDecline(error) ? error : null;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!location || (needsCard && !paymentMethodId)) return;
    setError(null);
    try {
      const b = await create.mutateAsync({
        instructorServiceId: service.id,
        start: startAt,
        durationMinutes,
        location,
        notes,
        idempotencyKey,
        ...(paymentMethodId ? { paymentMethodId } : {}),
      });
      router.push(`/lessons/${b.id}?booked=1`);
    } catch (err) {
      const e = toApiError(err);
      // The declined attempt's booking was cancelled: the next try must be a new booking, not a replay.
      if (isDecline(e)) setIdempotencyKey(crypto.randomUUID());
      setError(e);
      if (isDecline(e))
        document.getElementById("payment-title")?.scrollIntoView({ block: "center", behavior: "smooth" });
    }
  }

  const backToCalendar = `/instructors/${instructor.id}#availability`;
  const conflict = taken(error) || taken(quoteError);

  return (
    // The card entry renders its own <form>, so the booking's <form> wraps only the summary and its submit button;
    // the other fields join it through `form={formId}` (Enter still submits).
    <div role="form" aria-label="Book this lesson" className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <div className="min-w-0 space-y-6">
        <section
          aria-labelledby="summary-title"
          className="rounded-2xl border border-slate-200 bg-white p-5 shadow-card"
        >
          <h2 id="summary-title" className="sr-only">
            Lesson summary
          </h2>
          <div className="flex items-start gap-4">
            <InstructorPhoto
              name={instructor.name}
              photoUrl={instructor.photoUrl}
              className="size-16 shrink-0 text-lg"
            />
            <div className="min-w-0">
              <p className="text-lg font-semibold text-slate-900">
                {service.subjectName} with {instructor.name}
              </p>
              <p className="mt-1 flex items-center gap-2 text-slate-700">
                <CalendarIcon className="size-4 text-slate-400" /> {fmtDayLong(startAt, zone)}
              </p>
              <p className="flex items-center gap-2 text-slate-700">
                <ClockIcon className="size-4 text-slate-400" /> {fmtTime(startAt, zone)} – {fmtTime(endAt, zone)}{" "}
                {zoneAbbrev(zone, startAt)} · {durationMinutes} min
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
            options={service.locationTypes.map((t) => ({
              value: t,
              label: locationLabel(t, "student"),
              hint: LOCATION_HINT[t],
            }))}
          />
          {type === "student_location" && (
            <div className="grid gap-4 sm:grid-cols-2">
              <SelectField
                label="Neighbourhood"
                form={formId}
                value={regionId}
                onChange={(e) => setRegionId(e.target.value)}
                required
                hint="Only neighbourhoods this instructor travels to are listed."
              >
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
                form={formId}
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
            <TextField
              label="Meeting place"
              form={formId}
              value={details}
              onChange={(e) => setDetails(e.target.value)}
              maxLength={200}
              placeholder="Brooklyn Public Library, Central branch"
              required
            />
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

        <section aria-labelledby="payment-title" className="scroll-mt-24 space-y-4">
          <div>
            <h2 id="payment-title" className="text-lg font-semibold text-slate-900">
              Payment
            </h2>
            <p className="mt-1 text-sm text-slate-600">
              {quote.data && !needsCard
                ? "Your credits cover this lesson — no card needed."
                : holdNow
                  ? "Your card is checked now with a hold for the lesson price. It's charged 24 h after the lesson ends."
                  : "Your card is saved now. We place a hold 24 h before the lesson and charge it 24 h after it ends."}
            </p>
          </div>
          {needsCard && (
            <CardPicker
              choice={{
                ...cardChoice,
                choose: (id) => {
                  cardChoice.choose(id);
                  if (declined) setError(null);
                },
              }}
              disabled={create.isPending}
              alert={
                declined && (
                  <Alert tone="error" title="Payment declined — your lesson isn't booked">
                    {declined.message} Choose another card or add a new one, then confirm again.
                  </Alert>
                )
              }
            />
          )}
        </section>
      </div>

      <aside aria-labelledby="price-title" className="lg:sticky lg:top-24 lg:self-start">
        <form
          id={formId}
          onSubmit={(e) => void onSubmit(e)}
          noValidate
          className="rounded-2xl border border-slate-200 bg-white p-5 shadow-card"
        >
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
                    {formatMoney(quote.data.hourlyRateCents, quote.data.currency)}/hour × {quote.data.durationMinutes}{" "}
                    min
                  </dt>
                  <dd className="text-slate-900">{formatMoney(quote.data.priceCents, quote.data.currency)}</dd>
                </div>
                <div className="flex justify-between gap-3 border-t border-slate-100 pt-2 text-base font-semibold">
                  <dt>Total</dt>
                  <dd data-testid="quote-total">{formatMoney(quote.data.priceCents, quote.data.currency)}</dd>
                </div>
                {creditAppliedCents > 0 && (
                  <div className="flex justify-between gap-3 text-emerald-700">
                    <dt>Credits applied</dt>
                    <dd data-testid="quote-credits">−{formatMoney(creditAppliedCents, quote.data.currency)}</dd>
                  </div>
                )}
                <div className="flex justify-between gap-3 font-semibold">
                  <dt>Charged to card</dt>
                  <dd data-testid="quote-card">{formatMoney(cardAmountCents, quote.data.currency)}</dd>
                </div>
              </dl>
              {cardAmountCents > 0 && (
                <p
                  className="rounded-xl bg-brand-50/60 p-3 text-sm text-slate-700 ring-1 ring-brand-100"
                  data-testid="hold-copy"
                >
                  {holdNow ? (
                    <>
                      We&apos;ll place a hold of <strong>{formatMoney(cardAmountCents, quote.data.currency)}</strong> on
                      your card <strong>now</strong> and charge it 24 h after the lesson ends (
                      {atInZone(chargeAt, zone)}).
                    </>
                  ) : (
                    <>
                      We&apos;ll place a hold of <strong>{formatMoney(cardAmountCents, quote.data.currency)}</strong> on
                      your card 24 h before the lesson ({atInZone(holdAt, zone)}) and charge it 24 h after it ends (
                      {atInZone(chargeAt, zone)}).
                    </>
                  )}
                </p>
              )}
              <PolicyTerms terms={quote.data.terms} currency={quote.data.currency} zone={zone} />
            </div>
          ) : null}
          {quoteError && !taken(quoteError) && (
            <Alert tone="error" className="mt-3">
              {quoteError.message}
            </Alert>
          )}
          {error && !taken(error) && !declined && (
            <Alert tone="error" className="mt-3">
              {error.message}
            </Alert>
          )}
          {declined && (
            <p className="mt-3 text-sm text-red-700">
              Payment declined. Pick another card under Payment and confirm again.
            </p>
          )}
          <Button
            type="submit"
            size="lg"
            className="mt-5 w-full"
            disabled={
              !hydrated ||
              !location ||
              !quote.data ||
              quote.isError ||
              conflict ||
              (needsCard && !paymentMethodId) ||
              credits.isPending
            }
            loading={create.isPending}
          >
            {create.isPending ? (holdNow && needsCard ? "Placing the hold…" : "Booking…") : "Confirm booking"}
          </Button>
          <p className="mt-3 text-center text-xs text-slate-500">
            {needsCard && !paymentMethodId && quote.data
              ? "Add a card under Payment to confirm."
              : "You won't be charged until after your lesson."}
          </p>
          {conflict && (
            <ButtonLink href={backToCalendar} variant="outline" className="mt-3 w-full">
              Pick another time
            </ButtonLink>
          )}
        </form>
      </aside>
    </div>
  );
}
