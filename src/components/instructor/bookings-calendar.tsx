"use client";

import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { STATUS_LABEL, STATUS_TONE, locationLabel, type BookingView } from "~/components/booking/labels";
import { toApiError } from "~/components/forms/api-error";
import { fmtLessonRange, fmtTime, formatMoney, zoneLabel } from "~/components/time/format";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { cn } from "~/components/ui/cn";
import { Dialog } from "~/components/ui/dialog";
import { ChevronLeftIcon, ChevronRightIcon } from "~/components/ui/icons-extra";
import { Spinner } from "~/components/ui/spinner";
import { addDays, formatInZone, instantToLocal, localDateToday, startOfLocalDay, weekStartOf } from "~/lib/time/zoned";
import { api } from "~/trpc/react";
import { InstructorBookingActions } from "./booking-actions";

type View = "day" | "week";
const HOUR_PX = 56;
const FETCH_LIMIT = 50;
const dateLabel = (iso: string, fmt: string) => formatInZone(new Date(`${iso}T12:00:00Z`), "UTC", fmt);

const BLOCK_TONE: Record<BookingView["status"], string> = {
  confirmed: "border-brand-600 bg-brand-50 text-brand-950 hover:bg-brand-100",
  pending_payment: "border-amber-500 bg-amber-50 text-amber-950 hover:bg-amber-100",
  completed: "border-emerald-600 bg-emerald-50 text-emerald-950 hover:bg-emerald-100",
  cancelled: "border-slate-300 bg-slate-50 text-slate-500 line-through decoration-slate-400 hover:bg-slate-100",
  no_show: "border-red-500 bg-red-50 text-red-900 hover:bg-red-100",
};

const subscribeNow = (cb: () => void) => {
  const t = setInterval(cb, 60_000);
  return () => clearInterval(t);
};
const nowMinute = () => Math.floor(Date.now() / 60_000);

/** Lessons in one local-date range, upcoming and past merged (the API lists them separately). */
function useRange(from: Date, to: Date) {
  const upcoming = api.booking.listForInstructor.useQuery(
    { when: "upcoming", from, to, limit: FETCH_LIMIT },
    { placeholderData: (p) => p },
  );
  const past = api.booking.listForInstructor.useQuery(
    { when: "past", from, to, limit: FETCH_LIMIT },
    { placeholderData: (p) => p },
  );
  const items = new Map<string, BookingView>();
  for (const b of [...(past.data?.items ?? []), ...(upcoming.data?.items ?? [])]) items.set(b.id, b);
  return {
    items: [...items.values()].sort((a, b) => a.startAt.getTime() - b.startAt.getTime()),
    pending: upcoming.isPending || past.isPending,
    fetching: upcoming.isFetching || past.isFetching,
    error: upcoming.error ?? past.error,
    truncated: Boolean(upcoming.data?.nextCursor ?? past.data?.nextCursor),
  };
}

/**
 * The instructor's calendar: lessons as blocks positioned by time in the instructor's zone, by day or by week.
 * A block opens the lesson with its actions.
 */
export function BookingsCalendar({ timeZone, view }: { timeZone: string; view: View }) {
  const utils = api.useUtils();
  const today = localDateToday(timeZone);
  const [anchor, setAnchor] = useState(today);
  const [openId, setOpenId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const minute = useSyncExternalStore(subscribeNow, nowMinute, () => null);

  const first = view === "week" ? weekStartOf(anchor) : anchor;
  const days = Array.from({ length: view === "week" ? 7 : 1 }, (_, i) => addDays(first, i));
  const last = days[days.length - 1] ?? first;
  const from = startOfLocalDay(first, timeZone);
  const to = startOfLocalDay(addDays(last, 1), timeZone);
  const { items, pending, fetching, error, truncated } = useRange(from, to);
  const open = items.find((b) => b.id === openId) ?? null;

  // Blocks per local day (a lesson crossing midnight is drawn on both days).
  type Block = { b: BookingView; top: number; bottom: number };
  const perDay = new Map<string, Block[]>(days.map((d) => [d, []]));
  let minHour = 8;
  let maxHour = 20;
  for (const b of items) {
    const s = instantToLocal(b.startAt, timeZone);
    const e = instantToLocal(new Date(b.endAt.getTime() - 60_000), timeZone);
    for (const d of days) {
      if (d < s.date || d > e.date) continue;
      const top = d === s.date ? s.minute : 0;
      const bottom = d === e.date ? e.minute + 1 : 1440;
      perDay.get(d)?.push({ b, top, bottom });
      minHour = Math.min(minHour, Math.floor(top / 60));
      maxHour = Math.max(maxHour, Math.ceil(bottom / 60));
    }
  }
  const startHour = Math.max(0, Math.min(minHour, 6));
  const endHour = Math.min(24, Math.max(maxHour, 22));
  const hours = Array.from({ length: endHour - startHour }, (_, i) => startHour + i);
  const y = (m: number) => ((m - startHour * 60) / 60) * HOUR_PX;
  const nowLocal = minute !== null ? instantToLocal(new Date(minute * 60_000), timeZone) : null;

  // Once a range has loaded, scroll to its first lesson (or 08:00): the grid is taller than its box.
  const scroller = useRef<HTMLDivElement>(null);
  const scrolledFor = useRef<string | null>(null);
  const tops = [...perDay.values()].flat().map((x) => x.top);
  const firstTop = tops.length ? Math.min(...tops) : 8 * 60 + 30;
  const rangeKey = `${view}:${first}`;
  useEffect(() => {
    if (pending || scrolledFor.current === rangeKey || !scroller.current) return;
    scrolledFor.current = rangeKey;
    scroller.current.scrollTop = Math.max(0, ((firstTop - 30 - startHour * 60) / 60) * HOUR_PX);
  }, [pending, rangeKey, firstTop, startHour]);

  const title =
    view === "week"
      ? `${dateLabel(first, "LLL d")} – ${dateLabel(last, first.slice(0, 7) === last.slice(0, 7) ? "d, yyyy" : "LLL d, yyyy")}`
      : dateLabel(first, "cccc, LLLL d, yyyy");
  const step = view === "week" ? 7 : 1;

  function onChanged(b: BookingView, message: string) {
    setNotice(message);
    setOpenId(b.id);
    void utils.booking.listForInstructor.invalidate();
    void utils.booking.get.invalidate({ bookingId: b.id });
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-2">
          <div className="inline-flex rounded-lg border border-slate-300 bg-white shadow-sm">
            <button
              type="button"
              onClick={() => setAnchor(addDays(anchor, -step))}
              className="inline-flex size-10 items-center justify-center rounded-l-lg hover:bg-slate-50"
              aria-label={view === "week" ? "Previous week" : "Previous day"}
            >
              <ChevronLeftIcon />
            </button>
            <button
              type="button"
              onClick={() => setAnchor(today)}
              className="border-x border-slate-300 px-3 text-sm font-semibold hover:bg-slate-50"
            >
              Today
            </button>
            <button
              type="button"
              onClick={() => setAnchor(addDays(anchor, step))}
              className="inline-flex size-10 items-center justify-center rounded-r-lg hover:bg-slate-50"
              aria-label={view === "week" ? "Next week" : "Next day"}
            >
              <ChevronRightIcon />
            </button>
          </div>
          <h2 className="text-base font-semibold text-slate-900 sm:text-lg" aria-live="polite">
            {title}
          </h2>
          {fetching && <Spinner className="text-slate-400" />}
        </div>
        <p className="text-sm text-slate-600">Times in {zoneLabel(timeZone, from)}</p>
      </div>
      {notice && <Alert tone="success">{notice}</Alert>}
      {error && <Alert tone="error">{toApiError(error).message}</Alert>}
      {truncated && (
        <Alert tone="warning">
          This range has more lessons than we can draw at once; use the list view to see them all.
        </Alert>
      )}

      <div className="overflow-hidden rounded-xl border border-slate-200 bg-white">
        <div
          className="grid border-b border-slate-200"
          style={{ gridTemplateColumns: `3rem repeat(${days.length}, minmax(0, 1fr))` }}
        >
          <div />
          {days.map((d) => (
            <div key={d} className="border-l border-slate-200 px-1 py-2 text-center">
              <div className={cn("text-xs font-semibold", d === today ? "text-brand-700" : "text-slate-600")}>
                {dateLabel(d, view === "week" ? "ccc" : "cccc")}
              </div>
              <div
                className={cn(
                  "mx-auto mt-0.5 inline-flex min-w-7 justify-center rounded-full px-1 text-sm leading-7 font-semibold",
                  d === today ? "bg-brand-600 text-white" : "text-slate-900",
                )}
              >
                {dateLabel(d, "d")}
              </div>
            </div>
          ))}
        </div>
        <div ref={scroller} className="max-h-[min(40rem,70dvh)] overflow-y-auto">
          <div
            className="relative grid"
            style={{
              gridTemplateColumns: `3rem repeat(${days.length}, minmax(0, 1fr))`,
              height: hours.length * HOUR_PX,
            }}
          >
            <div className="relative" aria-hidden="true">
              {hours.map((h) => (
                <div
                  key={h}
                  className={cn(
                    "absolute right-1.5 text-[11px] text-slate-500 tabular-nums",
                    h === startHour ? "translate-y-0.5" : "-translate-y-1.5",
                  )}
                  style={{ top: (h - startHour) * HOUR_PX }}
                >
                  {`${String(h).padStart(2, "0")}:00`}
                </div>
              ))}
            </div>
            {days.map((d) => {
              const blocks = perDay.get(d) ?? [];
              return (
                <section
                  key={d}
                  aria-label={dateLabel(d, "cccc, LLLL d")}
                  className="relative border-l border-slate-200"
                >
                  {hours.map((h) => (
                    <div
                      key={h}
                      className="absolute inset-x-0 border-t border-slate-100"
                      style={{ top: (h - startHour) * HOUR_PX }}
                      aria-hidden="true"
                    />
                  ))}
                  {nowLocal?.date === d && nowLocal.minute >= startHour * 60 && nowLocal.minute < endHour * 60 && (
                    <div
                      className="absolute inset-x-0 z-[2] border-t-2 border-red-500"
                      style={{ top: y(nowLocal.minute) }}
                      aria-hidden="true"
                    >
                      <span className="absolute -top-1.5 -left-1 size-3 rounded-full bg-red-500" />
                    </div>
                  )}
                  {blocks.length === 0 && view === "day" && !pending && (
                    <p className="absolute inset-x-0 top-8 text-center text-sm text-slate-500">No lessons this day.</p>
                  )}
                  <ul>
                    {blocks.map(({ b, top, bottom }) => (
                      <li
                        key={b.id}
                        className="absolute inset-x-0.5 z-[1]"
                        style={{ top: y(top) + 1, height: Math.max(20, y(bottom) - y(top) - 2) }}
                      >
                        <button
                          type="button"
                          onClick={() => {
                            setNotice(null);
                            setOpenId(b.id);
                          }}
                          aria-label={`${b.subjectName} with ${b.studentName}, ${fmtLessonRange(b.startAt, b.endAt, timeZone)}, ${STATUS_LABEL[b.status]}`}
                          className={cn(
                            "flex h-full w-full flex-col overflow-hidden rounded-md border-l-4 px-1.5 py-1 text-left text-[11px] leading-tight shadow-sm sm:text-xs sm:leading-tight",
                            BLOCK_TONE[b.status],
                          )}
                        >
                          <span className="font-semibold tabular-nums">{fmtTime(b.startAt, timeZone)}</span>
                          <span className={cn("truncate", view === "week" && "max-sm:hidden")}>{b.subjectName}</span>
                          <span className={cn("truncate opacity-80", view === "week" && "max-sm:hidden")}>
                            {b.studentName}
                          </span>
                        </button>
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </div>
        </div>
      </div>
      {!pending && items.length === 0 && (
        <p className="text-center text-sm text-slate-500">No lessons {view === "week" ? "this week" : "this day"}.</p>
      )}

      <Dialog
        open={open !== null}
        onClose={() => setOpenId(null)}
        title={open ? `${open.subjectName} with ${open.studentName}` : "Lesson"}
        description={open ? fmtLessonRange(open.startAt, open.endAt, timeZone) : undefined}
        size="sm"
      >
        {open && <LessonSummary booking={open} zone={timeZone} onChanged={onChanged} />}
      </Dialog>
    </div>
  );
}

/** A lesson's facts and the instructor's actions (used by the calendar dialog and the list). */
export function LessonSummary({
  booking: b,
  zone,
  onChanged,
}: {
  booking: BookingView;
  zone: string;
  onChanged: (b: BookingView, message: string) => void;
}) {
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-3 text-sm">
        <div>
          <dt className="text-slate-500">Status</dt>
          <dd>
            <Badge tone={STATUS_TONE[b.status]}>{STATUS_LABEL[b.status]}</Badge>
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Price</dt>
          <dd className="font-medium text-slate-900">{formatMoney(b.priceCents, b.currency)}</dd>
        </div>
        <div className="col-span-2">
          <dt className="text-slate-500">Where</dt>
          <dd className="font-medium text-slate-900">{locationLabel(b.locationType, "instructor")}</dd>
          {b.locationDetails && <dd className="text-slate-700">{b.locationDetails}</dd>}
        </div>
        {b.notes && (
          <div className="col-span-2">
            <dt className="text-slate-500">Student&apos;s notes</dt>
            <dd className="whitespace-pre-line text-slate-700">{b.notes}</dd>
          </div>
        )}
        <div className="col-span-2 text-xs text-slate-500">{fmtLessonRange(b.startAt, b.endAt, zone)}</div>
      </dl>
      <InstructorBookingActions booking={b} zone={zone} onChanged={onChanged} />
    </div>
  );
}
