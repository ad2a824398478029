"use client";

import { useState, type FormEvent } from "react";
import { toApiError, type ApiError } from "~/components/forms/api-error";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { TrashIcon } from "~/components/ui/icons-extra";
import { Spinner } from "~/components/ui/spinner";
import { addDays, formatInZone, localDateToday } from "~/lib/time/zoned";
import { api } from "~/trpc/react";

const dateLabel = (iso: string) => formatInZone(new Date(`${iso}T12:00:00Z`), "UTC", "cccc, LLLL d, yyyy");

/** Days off: dates when no lesson can be booked whatever the hours say (holidays, sick days). */
export function Blackouts({ timeZone }: { timeZone: string }) {
  const utils = api.useUtils();
  const today = localDateToday(timeZone);
  const range = { from: today, to: addDays(today, 366) };
  const list = api.availability.blackouts.useQuery(range);
  const add = api.availability.addBlackout.useMutation();
  const remove = api.availability.removeBlackout.useMutation();
  const [date, setDate] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState("");

  async function refresh() {
    await Promise.all([utils.availability.blackouts.invalidate(), utils.availability.getWeek.invalidate()]);
    void utils.instructor.checklist.invalidate();
  }

  async function onAdd(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setStatus("");
    try {
      await add.mutateAsync({ date, reason });
      setStatus(`${dateLabel(date)} is now a day off.`);
      setDate("");
      setReason("");
      await refresh();
    } catch (err) {
      setError(toApiError(err));
    }
  }

  async function onRemove(d: string) {
    setError(null);
    setStatus("");
    try {
      await remove.mutateAsync({ date: d });
      setStatus(`${dateLabel(d)} is open again.`);
      await refresh();
    } catch (err) {
      setError(toApiError(err));
    }
  }

  return (
    <div className="space-y-5">
      <form
        onSubmit={(e) => void onAdd(e)}
        className="grid gap-3 sm:grid-cols-[12rem_1fr_auto] sm:items-end"
        aria-label="Add a day off"
      >
        <TextField
          label="Date"
          type="date"
          min={today}
          value={date}
          onChange={(e) => setDate(e.target.value)}
          required
          error={error?.fieldErrors.date ?? null}
        />
        <TextField
          label="Reason (only you see it)"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={200}
          placeholder="Holiday"
        />
        <Button type="submit" loading={add.isPending} disabled={!date}>
          Add day off
        </Button>
      </form>
      {error && !error.fieldErrors.date && <Alert tone="error">{error.message}</Alert>}
      <p role="status" className="text-sm font-medium text-emerald-700">
        {status}
      </p>
      {list.isPending ? (
        <p className="flex items-center gap-2 text-sm text-slate-500">
          <Spinner /> Loading days off…
        </p>
      ) : list.isError ? (
        <Alert tone="error">{toApiError(list.error).message}</Alert>
      ) : list.data.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">
          No days off planned. Add holidays here so nobody books them.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200" aria-label="Days off">
          {list.data.map((b) => (
            <li key={b.localDate} className="flex items-center justify-between gap-3 px-4 py-3">
              <div className="min-w-0">
                <p className="font-medium text-slate-900">{dateLabel(b.localDate)}</p>
                {b.reason && <p className="truncate text-sm text-slate-500">{b.reason}</p>}
              </div>
              <Button
                variant="ghost"
                size="sm"
                className="text-red-700 hover:bg-red-50"
                onClick={() => void onRemove(b.localDate)}
                loading={remove.isPending && remove.variables?.date === b.localDate}
                aria-label={`Remove day off on ${dateLabel(b.localDate)}`}
              >
                <TrashIcon className="size-4" /> Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
