import type { Metadata } from "next";
import Link from "next/link";
import { STATUS_LABEL, STATUS_TONE, locationLabel } from "~/components/booking/labels";
import { NotAnInstructor, requireInstructor } from "~/components/instructor/guard";
import { PageHeader } from "~/components/instructor/page-header";
import { fmtLessonRange, formatMoney } from "~/components/time/format";
import { Badge } from "~/components/ui/badge";
import { ButtonLink } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { cn } from "~/components/ui/cn";
import { ArrowRightIcon, CheckIcon, SparklesIcon } from "~/components/ui/icons";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Instructor dashboard" };

/** Where each checklist item is fixed. */
const FIX_AT: Record<string, string> = {
  service: "/instructor/services",
  availability: "/instructor/availability",
  background_check: "/instructor/profile#verification-title",
  payouts: "/instructor/profile#verification-title",
  headline: "/instructor/profile#about-title",
  bio: "/instructor/profile#about-title",
  photo: "/instructor/profile#photo-title",
  service_area: "/instructor/profile#areas-title",
  teaching_address: "/instructor/profile#address-title",
};

export default async function InstructorOverviewPage() {
  const me = await requireInstructor("/instructor");
  if (!me) return <NotAnInstructor />;
  const caller = await serverApi();
  const [checklist, profile, upcoming] = await Promise.all([
    caller.instructor.checklist(),
    caller.instructor.myProfile(),
    caller.booking.listForInstructor({ when: "upcoming", limit: 5 }),
  ]);
  const done = checklist.items.filter((i) => i.done).length;
  const total = checklist.items.length;
  const pct = Math.round((done / Math.max(1, total)) * 100);
  const required = checklist.items.filter((i) => i.required);
  const nudges = checklist.items.filter((i) => !i.required);
  const lessons = upcoming.items.filter((b) => b.status === "confirmed" || b.status === "pending_payment");

  return (
    <>
      <PageHeader
        title={`Welcome, ${profile.firstName}`}
        description="Your teaching at a glance."
        actions={
          <ButtonLink href={`/instructors/${profile.id}`} variant="outline" size="sm">
            View public profile
          </ButtonLink>
        }
      />

      <div className="mt-8 grid gap-6 lg:grid-cols-[1.3fr_1fr]">
        <Card
          id="checklist"
          title={checklist.listed ? "Your profile is live" : "Get your profile live"}
          description={
            checklist.listed
              ? "Students can find you in search and book your open times."
              : "Finish the required steps and students can find and book you."
          }
          actions={checklist.listed ? <Badge tone="success">Live</Badge> : <Badge tone="warning">Not listed yet</Badge>}
        >
          <div className="flex items-center gap-3">
            <div
              role="progressbar"
              aria-label="Profile completion"
              aria-valuemin={0}
              aria-valuemax={total}
              aria-valuenow={done}
              aria-valuetext={`${done} of ${total} steps done`}
              className="h-2.5 flex-1 overflow-hidden rounded-full bg-slate-100"
            >
              <div
                className={cn(
                  "h-full rounded-full transition-all",
                  checklist.listed ? "bg-emerald-500" : "bg-brand-600",
                )}
                style={{ width: `${pct}%` }}
              />
            </div>
            <span className="text-sm font-semibold text-slate-700 tabular-nums">
              {done}/{total}
            </span>
          </div>
          {checklist.listed && (
            <p className="mt-4 flex items-center gap-2 rounded-lg bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-800">
              <SparklesIcon className="size-4" /> Your profile is live.
            </p>
          )}
          {[
            { title: "Required to go live", items: required },
            { title: "Make your profile stand out", items: nudges },
          ].map((group) => (
            <div key={group.title} className="mt-5">
              <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{group.title}</h3>
              <ul className="mt-2 divide-y divide-slate-100" aria-label={group.title}>
                {group.items.map((i) => (
                  <li key={i.key} className="flex items-center gap-3 py-2.5">
                    <span
                      className={cn(
                        "flex size-6 shrink-0 items-center justify-center rounded-full",
                        i.done ? "bg-emerald-500 text-white" : "border-2 border-slate-300 bg-white",
                      )}
                      aria-hidden="true"
                    >
                      {i.done && <CheckIcon className="size-3.5" />}
                    </span>
                    <span
                      className={cn("min-w-0 flex-1 text-sm", i.done ? "text-slate-500" : "font-medium text-slate-900")}
                    >
                      {i.label}
                      <span className="sr-only">{i.done ? " (done)" : " (to do)"}</span>
                    </span>
                    {!i.done && FIX_AT[i.key] && (
                      <Link
                        href={FIX_AT[i.key]!}
                        className="inline-flex shrink-0 items-center gap-1 text-sm font-semibold text-brand-700 hover:text-brand-800"
                      >
                        Fix <ArrowRightIcon className="size-4" />
                        <span className="sr-only">: {i.label}</span>
                      </Link>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </Card>

        <Card
          id="next-lessons"
          title="Next lessons"
          actions={
            <Link href="/instructor/bookings" className="text-sm font-semibold text-brand-700 hover:text-brand-800">
              All bookings
            </Link>
          }
        >
          {lessons.length === 0 ? (
            <div className="rounded-xl border border-dashed border-slate-300 px-4 py-8 text-center">
              <p className="font-medium text-slate-900">No upcoming lessons</p>
              <p className="mt-1 text-sm text-slate-600">
                {checklist.listed
                  ? "Keep your calendar open — bookings show up here."
                  : "Once your profile is live, booked lessons show up here."}
              </p>
              <ButtonLink href="/instructor/availability" variant="outline" size="sm" className="mt-4">
                Open more times
              </ButtonLink>
            </div>
          ) : (
            <ul className="space-y-3">
              {lessons.map((b) => (
                <li key={b.id} className="rounded-xl border border-slate-200 p-3">
                  <div className="flex items-start justify-between gap-2">
                    <div className="min-w-0">
                      <p className="font-semibold text-slate-900">
                        {b.subjectName} with {b.studentName}
                      </p>
                      <p className="text-sm text-slate-600">{fmtLessonRange(b.startAt, b.endAt, profile.timeZone)}</p>
                      <p className="text-xs text-slate-500">
                        {locationLabel(b.locationType, "instructor")} · {formatMoney(b.priceCents, b.currency)}
                      </p>
                    </div>
                    <Badge tone={STATUS_TONE[b.status]}>{STATUS_LABEL[b.status]}</Badge>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
