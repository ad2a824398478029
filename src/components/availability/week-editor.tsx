"use client";

import { useState } from "react";
import { toApiError } from "~/components/forms/api-error";
import { errorCode, errorDetail } from "~/components/forms/trpc-details";
import { Alert } from "~/components/ui/alert";
import { cn } from "~/components/ui/cn";
import { Button } from "~/components/ui/button";
import { Dialog } from "~/components/ui/dialog";
import { SelectField } from "~/components/ui/field";
import { CopyIcon } from "~/components/ui/icons";
import { ChevronLeftIcon, ChevronRightIcon } from "~/components/ui/icons-extra";
import { Spinner } from "~/components/ui/spinner";
import { formatInZone, addDays, localDateToday, startOfLocalDay, weekStartOf } from "~/lib/time/zoned";
import { normalizeRanges, rangesToWindows, windowsToRanges, type MinuteRange } from "~/lib/time/windows";
import { api, type RouterOutputs } from "~/trpc/react";
import { zoneLabel } from "~/components/time/format";
import { PaintGrid, hasRangesOutside, rangesEqual, type GridColumn } from "./paint-grid";
import { UNSAVED_MESSAGE, useUnsavedGuard } from "./use-unsaved-guard";

type WeekView = RouterOutputs["availability"]["getWeek"];

const DAY_START = 6 * 60;
const DAY_END = 23 * 60;
const MAX_COPY_WEEKS = 12;

const toRanges = (w: WeekView) => w.days.map((d) => normalizeRanges(windowsToRanges(d.windows)));
const TAG_TONE = {
  pattern: "bg-brand-50 text-brand-700 ring-brand-200 before:bg-brand-500",
  custom: "bg-slate-100 text-slate-700 ring-slate-200 before:bg-slate-500",
  edited: "bg-amber-50 text-amber-800 ring-amber-200 before:bg-amber-500",
  off: "bg-red-50 text-red-700 ring-red-200 before:bg-red-500",
} as const;

/** A day's source under its header: a word on wide screens, a coloured dot (named for screen readers) on phones. */
function DayTag({ tone, children }: { tone: keyof typeof TAG_TONE; children: string }) {
  return (
    <span
      className={cn(
        "inline-flex items-center rounded-full text-[10px] leading-4 font-semibold before:size-2 before:rounded-full sm:px-1.5 sm:ring-1 sm:ring-inset sm:before:hidden max-sm:bg-transparent",
        TAG_TONE[tone],
      )}
    >
      <span className="max-sm:sr-only">{children}</span>
    </span>
  );
}

/** "2026-03-09" as a date label, computed on the calendar date (zone-free: noon UTC never changes day). */
const dateLabel = (iso: string, fmt: string) => formatInZone(new Date(`${iso}T12:00:00Z`), "UTC", fmt);

/**
 * The instructor's week editor: paint windows on a Monday–Sunday grid in the instructor's own zone, save the
 * week with its version (a stale version gets the latest week back as a CONFLICT), copy it forward, and
 * guard unsaved changes. Days that follow the weekly pattern look different from days with their own hours.
 */
export function WeekEditor({ timeZone }: { timeZone: string }) {
  const utils = api.useUtils();
  const today = localDateToday(timeZone);
  const [weekStart, setWeekStart] = useState(() => weekStartOf(today));
  const week = api.availability.getWeek.useQuery(
    { weekStart },
    { refetchOnWindowFocus: false, refetchOnReconnect: false, staleTime: 0 },
  );
  const save = api.availability.saveWeek.useMutation();
  const copy = api.availability.copyWeek.useMutation();

  const [view, setView] = useState<WeekView | null>(null);
  const [draft, setDraft] = useState<MinuteRange[][]>([]);
  const [seen, setSeen] = useState<WeekView | undefined>(undefined);
  const [notice, setNotice] = useState<{ tone: "success" | "warning" | "error"; text: string } | null>(null);
  const [fullDay, setFullDay] = useState(false);
  const [copyOpen, setCopyOpen] = useState(false);
  const [copyWeeks, setCopyWeeks] = useState(4);

  // Adopt freshly loaded weeks (adjusting state during render, not in an effect).
  if (week.data && week.data !== seen) {
    setSeen(week.data);
    setView(week.data);
    setDraft(toRanges(week.data));
  }

  const current = view?.weekStart === weekStart ? view : null;
  const base = current ? toRanges(current) : [];
  const changed = current ? current.days.map((_, i) => !rangesEqual(base[i] ?? [], draft[i] ?? [])) : [];
  const dirty = changed.some(Boolean);
  const zone = current?.timeZone ?? timeZone;
  const isPast = addDays(weekStart, 6) < localDateToday(zone);

  useUnsavedGuard(dirty);

  function go(target: string) {
    if (target === weekStart) return;
    if (dirty && !window.confirm(UNSAVED_MESSAGE)) return;
    setNotice(null);
    setWeekStart(target);
  }

  async function onSave() {
    if (!current) return;
    setNotice(null);
    const days = current.days.flatMap((d, i) =>
      changed[i] ? [{ date: d.date, windows: rangesToWindows(draft[i] ?? []) }] : [],
    );
    try {
      const saved = await save.mutateAsync({ weekStart, days, expectedVersion: current.version });
      setView(saved);
      setDraft(toRanges(saved));
      utils.availability.getWeek.setData({ weekStart }, saved);
      void utils.instructor.checklist.invalidate();
      setNotice({ tone: "success", text: `Saved. Students can book these times now.` });
    } catch (err) {
      const latest = errorCode(err) === "CONFLICT" ? errorDetail<WeekView>(err, "current") : null;
      if (latest) {
        setView(latest);
        setDraft(toRanges(latest));
        utils.availability.getWeek.setData({ weekStart }, latest);
        setNotice({
          tone: "warning",
          text: "This week was changed in another tab — showing the latest version. Make your changes again and save.",
        });
      } else {
        setNotice({ tone: "error", text: toApiError(err).message });
      }
    }
  }

  async function onCopy() {
    setNotice(null);
    try {
      const r = await copy.mutateAsync({ weekStart, weeks: copyWeeks });
      setCopyOpen(false);
      const last = r.copiedTo[r.copiedTo.length - 1];
      await utils.availability.getWeek.invalidate();
      void utils.instructor.checklist.invalidate();
      setNotice({
        tone: "success",
        text: `Copied to the next ${r.copiedTo.length} ${r.copiedTo.length === 1 ? "week" : "weeks"}${last ? ` (through ${dateLabel(addDays(last, 6), "LLL d")})` : ""}.`,
      });
    } catch (err) {
      setCopyOpen(false);
      setNotice({ tone: "error", text: toApiError(err).message });
    }
  }

  const columns: GridColumn[] =
    current?.days.map((d, i) => ({
      key: d.date,
      label: dateLabel(d.date, "cccc"),
      short: dateLabel(d.date, "ccc"),
      sub: dateLabel(d.date, "d"),
      today: d.date === today,
      fromPattern: d.source === "pattern" && !changed[i],
      muted: d.blackout,
      tag: d.blackout ? (
        <DayTag tone="off">Day off</DayTag>
      ) : changed[i] ? (
        <DayTag tone="edited">Edited</DayTag>
      ) : d.source === "pattern" ? (
        <DayTag tone="pattern">Pattern</DayTag>
      ) : d.source === "custom" ? (
        <DayTag tone="custom">Custom</DayTag>
      ) : (
        <span className="sr-only">No hours</span>
      ),
    })) ?? [];

  const showAll = fullDay || hasRangesOutside(draft, DAY_START, DAY_END);
  const first = weekStart;
  const rangeTitle = `${dateLabel(first, "LLL d")} – ${dateLabel(addDays(first, 6), first.slice(0, 7) === addDays(first, 6).slice(0, 7) ? "d, yyyy" : "LLL d, yyyy")}`;
  const copyEnd = addDays(weekStart, 7 * copyWeeks + 6);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-2">
          <div className="inline-flex rounded-lg border border-slate-300 bg-white shadow-sm">
            <button
              type="button"
              onClick={() => go(addDays(weekStart, -7))}
              className="inline-flex size-10 items-center justify-center rounded-l-lg text-slate-700 hover:bg-slate-50"
              aria-label="Previous week"
            >
              <ChevronLeftIcon />
            </button>
            <button
              type="button"
              onClick={() => go(weekStartOf(today))}
              className="border-x border-slate-300 px-3 text-sm font-semibold text-slate-800 hover:bg-slate-50"
            >
              Today
            </button>
            <button
              type="button"
              onClick={() => go(addDays(weekStart, 7))}
              className="inline-flex size-10 items-center justify-center rounded-r-lg text-slate-700 hover:bg-slate-50"
              aria-label="Next week"
            >
              <ChevronRightIcon />
            </button>
          </div>
          <h3 className="text-base font-semibold text-slate-900 sm:text-lg" aria-live="polite">
            <span className="sr-only">Week of </span>
            {rangeTitle}
          </h3>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button
            variant="outline"
            size="sm"
            onClick={() => setCopyOpen(true)}
            disabled={!current || dirty || isPast}
            title={dirty ? "Save this week first" : undefined}
          >
            <CopyIcon className="size-4" /> Copy to next weeks
          </Button>
          <Button onClick={() => void onSave()} loading={save.isPending} disabled={!dirty || isPast}>
            {save.isPending ? "Saving…" : "Save week"}
          </Button>
        </div>
      </div>

      <p className="text-sm text-slate-600">
        Times are in{" "}
        <span className="font-medium text-slate-900">{zoneLabel(zone, startOfLocalDay(weekStart, zone))}</span>. Click a
        half hour to open or close it; press and drag to paint several.
        {dirty && <span className="ml-1 font-medium text-amber-800">You have unsaved changes.</span>}
      </p>

      {notice && (
        <Alert tone={notice.tone} title={notice.tone === "warning" ? "Week updated elsewhere" : undefined}>
          {notice.text}
        </Alert>
      )}
      {isPast && <Alert tone="info">This week is in the past and can&apos;t be changed.</Alert>}
      {week.isError && !current && (
        <Alert tone="error" title="We couldn't load this week">
          {toApiError(week.error).message}{" "}
          <button type="button" className="font-semibold underline" onClick={() => void week.refetch()}>
            Try again
          </button>
        </Alert>
      )}

      <div className="relative overflow-hidden rounded-xl border border-slate-200 bg-white">
        {!current ? (
          <div className="flex h-96 items-center justify-center gap-2 text-sm text-slate-500" aria-busy="true">
            {!week.isError && (
              <>
                <Spinner /> Loading week…
              </>
            )}
          </div>
        ) : (
          <div className="max-h-[min(36rem,65dvh)] overflow-y-auto overscroll-contain pr-1">
            <PaintGrid
              label={`Availability, week of ${rangeTitle}`}
              columns={columns}
              value={draft}
              onChange={setDraft}
              fromMinute={showAll ? 0 : DAY_START}
              toMinute={showAll ? 1440 : DAY_END}
              readOnly={isPast || save.isPending}
            />
          </div>
        )}
        {week.isFetching && current && (
          <div className="absolute top-2 right-3 text-slate-400" aria-hidden="true">
            <Spinner />
          </div>
        )}
      </div>

      <div className="flex flex-wrap items-center justify-between gap-3 text-xs text-slate-600">
        <ul className="flex flex-wrap items-center gap-x-4 gap-y-1" aria-label="Legend">
          <li className="flex items-center gap-1.5">
            <DayTag tone="pattern">Pattern</DayTag> follows your weekly pattern
          </li>
          <li className="flex items-center gap-1.5">
            <DayTag tone="custom">Custom</DayTag> has its own hours
          </li>
          <li className="flex items-center gap-1.5">
            <span className="size-3 rounded-sm bg-brand-500" aria-hidden="true" /> Open (this week&apos;s own hours)
          </li>
          <li className="flex items-center gap-1.5">
            <span
              className="size-3 rounded-sm bg-brand-300 bg-[repeating-linear-gradient(135deg,transparent_0_3px,rgb(255_255_255/0.45)_3px_6px)]"
              aria-hidden="true"
            />{" "}
            Open (weekly pattern)
          </li>
          <li className="flex items-center gap-1.5">
            <span
              className="size-3 rounded-sm border border-slate-300 bg-[linear-gradient(to_bottom,var(--color-brand-300)_50%,white_50%)]"
              aria-hidden="true"
            />{" "}
            Partly open
          </li>
        </ul>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            className="size-4 accent-brand-600"
            checked={showAll}
            disabled={hasRangesOutside(draft, DAY_START, DAY_END)}
            onChange={(e) => setFullDay(e.target.checked)}
          />
          Show 00:00–24:00
        </label>
      </div>

      <Dialog
        open={copyOpen}
        onClose={() => setCopyOpen(false)}
        title="Copy this week forward"
        description={`The hours of ${rangeTitle} replace the hours of the weeks you choose. Existing bookings stay as they are.`}
        size="sm"
        footer={
          <>
            <Button variant="ghost" onClick={() => setCopyOpen(false)}>
              Cancel
            </Button>
            <Button onClick={() => void onCopy()} loading={copy.isPending}>
              Copy to {copyWeeks} {copyWeeks === 1 ? "week" : "weeks"}
            </Button>
          </>
        }
      >
        <SelectField
          label="Copy this week to the next"
          value={String(copyWeeks)}
          onChange={(e) => setCopyWeeks(Number(e.target.value))}
        >
          {Array.from({ length: MAX_COPY_WEEKS }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n} {n === 1 ? "week" : "weeks"}
            </option>
          ))}
        </SelectField>
        <p className="mt-3 text-sm text-slate-600">
          Weeks of {dateLabel(addDays(weekStart, 7), "LLL d")} through {dateLabel(copyEnd, "LLL d, yyyy")} will get
          these hours.
        </p>
      </Dialog>
    </div>
  );
}
