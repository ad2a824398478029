"use client";

import Link from "next/link";
import { useState } from "react";
import { toApiError } from "~/components/forms/api-error";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { CalendarIcon, RotateIcon } from "~/components/ui/icons";
import { ChevronLeftIcon, TrashIcon } from "~/components/ui/icons-extra";
import { api } from "~/trpc/react";
import { PersonAvatar } from "./bits";
import { setThreadState, useMessagingUtils } from "./cache";
import { firstNameOf, lessonRange } from "./format";
import { ArchiveIcon } from "./icons";
import type { ConversationSummary, Viewer } from "./types";

const STATE_BADGE: Record<ConversationSummary["state"], string | null> = {
  active: null,
  archived: "Archived",
  trashed: "In trash",
};
const BOOKING_STATUS: Record<string, { label: string; tone: "brand" | "warning" | "neutral" }> = {
  confirmed: { label: "Confirmed", tone: "brand" },
  pending_payment: { label: "Awaiting payment", tone: "warning" },
};

/** The thread's header: who, folder actions (archive, trash, restore) and the upcoming lesson. */
export function ThreadHeader({
  conversation: c,
  viewer,
  basePath,
  zone,
}: {
  conversation: ConversationSummary;
  viewer: Viewer;
  basePath: string;
  zone: string;
}) {
  const utils = useMessagingUtils();
  const [status, setStatus] = useState<string | null>(null);
  const setState = api.conversations.setState.useMutation({
    onSuccess: (r) => {
      setThreadState(utils, r.conversationId, r.state);
      void utils.conversations.list.invalidate();
      void utils.conversations.unreadTotal.invalidate();
      setStatus(
        r.state === "active"
          ? "Moved back to your inbox."
          : r.state === "archived"
            ? "Conversation archived."
            : "Conversation moved to Trash.",
      );
    },
    onError: (e) => setStatus(toApiError(e).message),
  });
  const move = (state: ConversationSummary["state"]) => setState.mutate({ conversationId: c.id, state });
  const busy = setState.isPending ? setState.variables.state : null;
  const badge = STATE_BADGE[c.state];
  const b = c.upcomingBooking;
  const lessonHref = b ? (viewer.role === "instructor" ? "/instructor/bookings" : `/lessons/${b.id}`) : null;

  return (
    <header className="shrink-0 border-b border-slate-200 bg-white">
      <div className="flex items-center gap-3 px-3 py-3 sm:px-5">
        <Link
          href={basePath}
          className="-ml-1 inline-flex size-10 shrink-0 items-center justify-center rounded-lg text-slate-600 hover:bg-slate-100 md:hidden"
          aria-label="Back to inbox"
        >
          <ChevronLeftIcon className="size-6" />
        </Link>
        <PersonAvatar name={c.other.name} photoUrl={c.other.photoUrl} />
        <div className="min-w-0 flex-1">
          <h2 className="flex items-center gap-2 truncate text-base font-semibold text-slate-900">
            <span className="truncate">{c.other.name}</span>
            {badge && <Badge tone="neutral">{badge}</Badge>}
          </h2>
          <p className="truncate text-xs text-slate-500">
            {c.other.role === "instructor" ? "Instructor" : "Student"}
            {c.other.role === "instructor" && (
              <>
                {" · "}
                <Link href={`/instructors/${c.other.id}`} className="font-medium text-brand-700 hover:underline">
                  View profile
                </Link>
              </>
            )}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-1">
          {c.state === "active" ? (
            <>
              <Button
                variant="ghost"
                size="sm"
                loading={busy === "archived"}
                onClick={() => move("archived")}
                aria-label="Archive conversation"
                title="Archive"
              >
                {busy !== "archived" && <ArchiveIcon className="size-4" />}
                <span className="max-lg:hidden">Archive</span>
              </Button>
              <Button
                variant="ghost"
                size="sm"
                loading={busy === "trashed"}
                onClick={() => move("trashed")}
                aria-label="Move conversation to trash"
                title="Move to trash"
              >
                {busy !== "trashed" && <TrashIcon className="size-4" />}
                <span className="max-lg:hidden">Trash</span>
              </Button>
            </>
          ) : (
            <Button
              variant="outline"
              size="sm"
              loading={busy === "active"}
              onClick={() => move("active")}
              aria-label="Restore conversation to inbox"
            >
              {busy !== "active" && <RotateIcon className="size-4" />}
              Restore
            </Button>
          )}
        </div>
      </div>
      <p role="status" className="sr-only">
        {status}
      </p>
      {b ? (
        <section
          aria-label="Upcoming lesson"
          className="flex items-center gap-3 border-t border-slate-100 bg-brand-50/50 px-4 py-2 sm:px-5"
        >
          <span className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-white text-brand-600 ring-1 ring-brand-100">
            <CalendarIcon className="size-4" />
          </span>
          <div className="min-w-0 flex-1">
            <p className="flex items-center gap-2 text-xs font-semibold text-brand-800">
              Upcoming lesson
              {BOOKING_STATUS[b.status] && (
                <Badge tone={BOOKING_STATUS[b.status]!.tone} className="px-2 py-0 text-[11px]">
                  {BOOKING_STATUS[b.status]!.label}
                </Badge>
              )}
            </p>
            <p className="text-sm text-slate-800">
              <span className="font-medium">{b.subject ?? "Lesson"}</span> · {lessonRange(b.startAt, b.endAt, zone)}
            </p>
          </div>
          {lessonHref && (
            <Link href={lessonHref} className="shrink-0 text-sm font-semibold text-brand-700 hover:underline">
              View<span className="max-sm:sr-only"> lesson</span>
            </Link>
          )}
        </section>
      ) : viewer.role === "student" && c.other.role === "instructor" ? (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-slate-100 bg-slate-50 px-4 py-2 text-sm sm:px-5">
          <CalendarIcon className="size-4 shrink-0 text-slate-500" />
          <p className="min-w-0 flex-1 text-slate-600">No lesson booked with {firstNameOf(c.other.name)} yet.</p>
          <Link href={`/instructors/${c.other.id}`} className="text-sm font-semibold text-brand-700 hover:underline">
            Book a lesson
          </Link>
        </div>
      ) : null}
      {c.state !== "active" && (
        <p className="flex items-center gap-2 border-t border-slate-100 bg-slate-50 px-4 py-1.5 text-xs text-slate-600 sm:px-5">
          {c.state === "archived" ? <ArchiveIcon className="size-3.5" /> : <TrashIcon className="size-3.5" />}
          {c.state === "archived" ? "Archived" : "In Trash"} — a new message moves it back to your inbox.
        </p>
      )}
    </header>
  );
}
