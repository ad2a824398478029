"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { toApiError } from "~/components/forms/api-error";
import { fmtDateTime, fmtSlotLabel, fmtTime, formatMoney, zoneLabel } from "~/components/time/format";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { SelectField } from "~/components/ui/field";
import { ChevronLeftIcon, ChevronRightIcon, ClockIcon, GlobeIcon } from "~/components/ui/icons-extra";
import { Spinner } from "~/components/ui/spinner";
import { groupSlotsByLocalDate } from "~/lib/availability/slots";
import { addDays, formatInZone, instantToLocal, localDateToday } from "~/lib/time/zoned";
import { api } from "~/trpc/react";
import { SLOT_RANGE_DAYS, defaultDuration, slotRange } from "./slot-range";

export type PickerService = {
  id: string;
  subjectName: string;
  durations: number[];
  hourlyRateCents: number;
  currency: string;
};

const RANGE_DAYS = SLOT_RANGE_DAYS;
const dayLabel = (iso: string, fmt: string) => formatInZone(new Date(`${iso}T12:00:00Z`), "UTC", fmt);
const PERIODS = [
  { name: "Morning", from: 0, to: 12 * 60 },
  { name: "Afternoon", from: 12 * 60, to: 17 * 60 },
  { name: "Evening", from: 17 * 60, to: 24 * 60 },
];

type Common = {
  instructorId: string;
  services: PickerService[];
  /** The viewer's zone; null while it is not known yet (first render of a signed-out visit). */
  zone: string | null;
  initialServiceId?: string;
  initialDuration?: number;
  /** Reschedule: service and duration are given and can't change. */
  fixed?: boolean;
  /** Hide the "next available" line. */
  hideNextAvailable?: boolean;
};
type LinkMode = Common & { mode: "link"; hrefFor: (slot: Date, serviceId: string, duration: number) => string };
type SelectMode = Common & {
  mode: "select";
  selected: Date | null;
  onSelect: (slot: Date, serviceId: string, duration: number) => void;
};

/**
 * Bookable times for a service and lesson length: 14 days at a time, grouped by day in the viewer's time zone
 * (named on screen), paged a week at a time, jumping to the next available time. Times come from the server
 * (availability minus bookings, notice and horizon applied there).
 */
export function SlotPicker(props: LinkMode | SelectMode) {
  const { instructorId, services, zone, fixed } = props;
  const baseId = useId();
  const [serviceId, setServiceId] = useState(props.initialServiceId ?? services[0]?.id ?? "");
  const service = services.find((s) => s.id === serviceId) ?? services[0];
  const [durationPref, setDuration] = useState<number | null>(props.initialDuration ?? null);
  const duration =
    service && durationPref && service.durations.includes(durationPref)
      ? durationPref
      : defaultDuration(service?.durations ?? []);
  const [rangeStartPref, setRangeStart] = useState<string | null>(null);
  const [dayPref, setDay] = useState<string | null>(null);

  const today = zone ? localDateToday(zone) : null;
  const rangeStart = rangeStartPref ?? today;
  const range = zone && rangeStart ? slotRange(rangeStart, zone) : null;
  const from = range?.from ?? null;
  const to = range?.to ?? null;

  const slots = api.availability.getSlots.useQuery(
    { instructorServiceId: service?.id ?? "", duration, from: from ?? new Date(0), to: to ?? new Date(0) },
    { enabled: Boolean(service && from && to), staleTime: 30_000, placeholderData: (prev) => prev },
  );
  const next = api.availability.nextAvailable.useQuery(
    { instructorId },
    { enabled: !props.hideNextAvailable, staleTime: 60_000 },
  );

  if (!service) return <p className="text-sm text-slate-600">This instructor has no lessons to book right now.</p>;

  const days = rangeStart ? Array.from({ length: RANGE_DAYS }, (_, i) => addDays(rangeStart, i)) : [];
  const fresh = slots.data && !slots.isPlaceholderData;
  const byDay = fresh && zone ? groupSlotsByLocalDate(slots.data.slots, zone) : new Map<string, Date[]>();
  const firstWithSlots = days.find((d) => (byDay.get(d)?.length ?? 0) > 0) ?? null;
  const day = dayPref && days.includes(dayPref) && (byDay.get(dayPref)?.length ?? 0) > 0 ? dayPref : firstWithSlots;
  const times = day ? (byDay.get(day) ?? []) : [];
  const total = [...byDay.values()].reduce((n, l) => n + l.length, 0);

  function page(delta: number) {
    if (!rangeStart || !today) return;
    const target = addDays(rangeStart, delta);
    setRangeStart(target < today ? today : target);
    setDay(null);
  }

  function jumpToNext() {
    if (!next.data?.start || !zone) return;
    const d = instantToLocal(next.data.start, zone).date;
    setRangeStart(d);
    setDay(d);
  }

  const pick = (slot: Date) => {
    if (props.mode === "select") props.onSelect(slot, service.id, duration);
  };

  return (
    <div className="space-y-5">
      {!fixed && (
        <div className="grid gap-4 sm:grid-cols-2">
          {services.length > 1 ? (
            <SelectField
              label="Lesson"
              value={service.id}
              onChange={(e) => {
                setServiceId(e.target.value);
                setDay(null);
              }}
            >
              {services.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.subjectName} — {formatMoney(s.hourlyRateCents, s.currency, { whole: true })}/h
                </option>
              ))}
            </SelectField>
          ) : (
            <div>
              <p className="mb-1.5 text-sm font-medium text-slate-800">Lesson</p>
              <p className="flex h-11 items-center text-sm font-semibold text-slate-900">
                {service.subjectName} · {formatMoney(service.hourlyRateCents, service.currency, { whole: true })}/hour
              </p>
            </div>
          )}
          <fieldset>
            <legend className="mb-1.5 text-sm font-medium text-slate-800">Length</legend>
            <div className="flex flex-wrap gap-2">
              {service.durations.map((m) => (
                <label
                  key={m}
                  className={cn(
                    "relative cursor-pointer rounded-lg border px-3 py-2 text-sm font-semibold has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600",
                    m === duration
                      ? "border-brand-600 bg-brand-600 text-white"
                      : "border-slate-300 bg-white text-slate-800 hover:border-slate-400",
                  )}
                >
                  <input
                    type="radio"
                    name={`${baseId}-duration`}
                    value={m}
                    checked={m === duration}
                    onChange={() => {
                      setDuration(m);
                      setDay(null);
                    }}
                    className="absolute inset-0 m-0 cursor-pointer appearance-none opacity-0"
                  />
                  {m} min
                </label>
              ))}
            </div>
          </fieldset>
        </div>
      )}

      {!zone || !rangeStart ? (
        <div className="flex h-40 items-center justify-center gap-2 text-sm text-slate-500" aria-busy="true">
          <Spinner /> Loading times…
        </div>
      ) : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="flex items-center gap-1.5 text-sm text-slate-600">
              <GlobeIcon className="size-4 text-slate-400" /> Times in{" "}
              <span className="font-medium text-slate-900">{zoneLabel(zone)}</span>
            </p>
            <div className="flex items-center gap-2">
              <Button
                variant="outline"
                size="sm"
                onClick={() => page(-7)}
                disabled={rangeStart <= (today ?? rangeStart)}
                aria-label="Previous week"
              >
                <ChevronLeftIcon className="size-4" />
              </Button>
              <span className="text-sm font-medium text-slate-700" aria-live="polite">
                {dayLabel(rangeStart, "LLL d")} – {dayLabel(addDays(rangeStart, RANGE_DAYS - 1), "LLL d")}
              </span>
              <Button variant="outline" size="sm" onClick={() => page(7)} aria-label="Next week">
                <ChevronRightIcon className="size-4" />
              </Button>
            </div>
          </div>

          {!props.hideNextAvailable && next.data && (
            <p className="flex flex-wrap items-center gap-2 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
              <ClockIcon className="size-4" />
              {next.data.start ? (
                <>
                  <span>
                    Next available: <span className="font-semibold">{fmtDateTime(next.data.start, zone)}</span>
                  </span>
                  <button
                    type="button"
                    onClick={jumpToNext}
                    className="font-semibold underline underline-offset-2 hover:text-emerald-950"
                  >
                    Show that day
                  </button>
                </>
              ) : (
                <span>No open times in the coming months.</span>
              )}
            </p>
          )}

          {slots.isError ? (
            <Alert tone="error" title="We couldn't load open times">
              {toApiError(slots.error).message}{" "}
              <button type="button" className="font-semibold underline" onClick={() => void slots.refetch()}>
                Try again
              </button>
            </Alert>
          ) : (
            <div className="relative" aria-busy={!fresh}>
              <div
                role="group"
                aria-label="Days"
                className="-mx-1 flex snap-x gap-2 relative overflow-x-auto px-1 pb-2"
              >
                {days.map((d) => {
                  const n = byDay.get(d)?.length ?? 0;
                  const active = d === day;
                  return (
                    <button
                      key={d}
                      type="button"
                      disabled={!fresh || n === 0}
                      aria-pressed={active}
                      aria-label={`${dayLabel(d, "cccc, LLLL d")}, ${n === 0 ? "no open times" : `${n} open ${n === 1 ? "time" : "times"}`}`}
                      onClick={() => setDay(d)}
                      className={cn(
                        "flex w-16 shrink-0 snap-start flex-col items-center rounded-xl border px-1 py-2 text-center transition-colors",
                        active
                          ? "border-brand-600 bg-brand-600 text-white shadow-sm"
                          : n > 0
                            ? "border-slate-200 bg-white text-slate-900 hover:border-brand-300"
                            : "border-transparent bg-slate-50 text-slate-400",
                      )}
                    >
                      <span className="text-[11px] font-semibold uppercase">{dayLabel(d, "ccc")}</span>
                      <span className="text-lg leading-6 font-bold">{dayLabel(d, "d")}</span>
                      <span className={cn("text-[11px]", active ? "text-brand-100" : n > 0 ? "text-emerald-700" : "")}>
                        {fresh ? (n > 0 ? `${n} open` : "—") : "…"}
                      </span>
                    </button>
                  );
                })}
              </div>

              {!fresh ? (
                <div className="flex h-32 items-center justify-center gap-2 text-sm text-slate-500">
                  <Spinner /> Loading times…
                </div>
              ) : total === 0 ? (
                <div className="rounded-xl border border-dashed border-slate-300 bg-slate-50 px-4 py-8 text-center">
                  <p className="font-medium text-slate-900">No open times in this range — try next week</p>
                  <Button variant="outline" size="sm" className="mt-3" onClick={() => page(7)}>
                    Next week <ChevronRightIcon className="size-4" />
                  </Button>
                </div>
              ) : day ? (
                <section aria-label={`Open times on ${dayLabel(day, "cccc, LLLL d")}`} className="mt-2 space-y-4">
                  <h3 className="text-sm font-semibold text-slate-900">{dayLabel(day, "cccc, LLLL d")}</h3>
                  {PERIODS.map((p) => {
                    const list = times.filter((t) => {
                      const m = instantToLocal(t, zone).minute;
                      return m >= p.from && m < p.to;
                    });
                    if (list.length === 0) return null;
                    return (
                      <div key={p.name}>
                        <p className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">{p.name}</p>
                        <ul className="grid grid-cols-3 gap-2 sm:grid-cols-4 md:grid-cols-5">
                          {list.map((t) => {
                            const label = fmtSlotLabel(t, zone);
                            const cls =
                              "flex h-10 w-full items-center justify-center rounded-lg border text-sm font-semibold tabular-nums transition-colors focus-visible:outline-2";
                            if (props.mode === "link") {
                              return (
                                <li key={t.getTime()}>
                                  <Link
                                    href={props.hrefFor(t, service.id, duration)}
                                    aria-label={label}
                                    className={cn(
                                      cls,
                                      "border-brand-200 bg-white text-brand-700 hover:border-brand-600 hover:bg-brand-600 hover:text-white",
                                    )}
                                  >
                                    {fmtTime(t, zone)}
                                  </Link>
                                </li>
                              );
                            }
                            const on = props.selected?.getTime() === t.getTime();
                            return (
                              <li key={t.getTime()}>
                                <button
                                  type="button"
                                  aria-label={label}
                                  aria-pressed={on}
                                  onClick={() => pick(t)}
                                  className={cn(
                                    cls,
                                    on
                                      ? "border-brand-600 bg-brand-600 text-white"
                                      : "border-brand-200 bg-white text-brand-700 hover:border-brand-400",
                                  )}
                                >
                                  {fmtTime(t, zone)}
                                </button>
                              </li>
                            );
                          })}
                        </ul>
                      </div>
                    );
                  })}
                </section>
              ) : null}
            </div>
          )}
        </>
      )}
    </div>
  );
}
