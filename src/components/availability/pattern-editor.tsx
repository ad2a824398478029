"use client";

import { useState } from "react";
import { toApiError } from "~/components/forms/api-error";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Spinner } from "~/components/ui/spinner";
import { normalizeRanges, rangesToWindows, windowsToRanges, type MinuteRange } from "~/lib/time/windows";
import { api, type RouterOutputs } from "~/trpc/react";
import { zoneLabel } from "~/components/time/format";
import { PaintGrid, hasRangesOutside, rangesEqual, type GridColumn } from "./paint-grid";
import { useUnsavedGuard } from "./use-unsaved-guard";

type Pattern = RouterOutputs["availability"]["getPattern"];

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const toRanges = (p: Pattern) =>
  WEEKDAYS.map((_, i) => normalizeRanges(windowsToRanges(p.days.find((d) => d.weekday === i + 1)?.windows ?? [])));

/** The repeating weekly pattern: applies to every date that has no hours of its own. */
export function PatternEditor({ timeZone }: { timeZone: string }) {
  const utils = api.useUtils();
  const pattern = api.availability.getPattern.useQuery(undefined, {
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const save = api.availability.savePattern.useMutation();
  const [seen, setSeen] = useState<Pattern | undefined>(undefined);
  const [base, setBase] = useState<MinuteRange[][]>([]);
  const [draft, setDraft] = useState<MinuteRange[][]>([]);
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [fullDay, setFullDay] = useState(false);

  if (pattern.data && pattern.data !== seen) {
    setSeen(pattern.data);
    setBase(toRanges(pattern.data));
    setDraft(toRanges(pattern.data));
  }

  const dirty = base.some((b, i) => !rangesEqual(b, draft[i] ?? []));
  useUnsavedGuard(dirty);

  async function onSave() {
    setNotice(null);
    try {
      const saved = await save.mutateAsync({
        days: draft.map((r, i) => ({ weekday: i + 1, windows: rangesToWindows(r) })),
      });
      utils.availability.getPattern.setData(undefined, saved);
      await utils.availability.getWeek.invalidate();
      void utils.instructor.checklist.invalidate();
      setNotice({ tone: "success", text: "Weekly pattern saved. Days without their own hours follow it." });
    } catch (err) {
      setNotice({ tone: "error", text: toApiError(err).message });
    }
  }

  const columns: GridColumn[] = WEEKDAYS.map((d) => ({ key: d, label: d, short: d.slice(0, 3) }));
  const showAll = fullDay || hasRangesOutside(draft, 360, 1380);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <p className="max-w-2xl text-sm text-slate-600">
          Your usual week, in <span className="font-medium text-slate-900">{zoneLabel(timeZone)}</span>. Any date
          without hours of its own follows it; a week you edit and save keeps its own hours.
          {dirty && <span className="ml-1 font-medium text-amber-800">You have unsaved changes.</span>}
        </p>
        <Button onClick={() => void onSave()} loading={save.isPending} disabled={!dirty}>
          {save.isPending ? "Saving…" : "Save pattern"}
        </Button>
      </div>
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      {pattern.isError && <Alert tone="error">{toApiError(pattern.error).message}</Alert>}
      <div className="overflow-hidden rounded-xl border border-slate-200 bg-white">
        {!pattern.data ? (
          <div className="flex h-80 items-center justify-center gap-2 text-sm text-slate-500" aria-busy="true">
            {!pattern.isError && (
              <>
                <Spinner /> Loading pattern…
              </>
            )}
          </div>
        ) : (
          <div className="max-h-[min(36rem,65dvh)] overflow-y-auto overscroll-contain pr-1">
            <PaintGrid
              label="Weekly pattern"
              columns={columns}
              value={draft}
              onChange={setDraft}
              fromMinute={showAll ? 0 : 360}
              toMinute={showAll ? 1440 : 1380}
              readOnly={save.isPending}
            />
          </div>
        )}
      </div>
      <label className="flex items-center justify-end gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          className="size-4 accent-brand-600"
          checked={showAll}
          disabled={hasRangesOutside(draft, 360, 1380)}
          onChange={(e) => setFullDay(e.target.checked)}
        />
        Show 00:00–24:00
      </label>
    </div>
  );
}
