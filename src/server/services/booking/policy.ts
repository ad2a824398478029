/**
 * Booking policies (PRODUCT.md §4), as pure functions of times and prices so they can be quoted before
 * booking, shown before cancelling, and unit-tested at every boundary.
 */
const HOUR = 3_600_000;

/** Free cancellation until this long before the start. */
export const FREE_CANCELLATION_HOURS = 24;
/** Between this and FREE_CANCELLATION_HOURS before the start, half the price is charged; later, all of it. */
export const HALF_FEE_CANCELLATION_HOURS = 12;
export const HALF_FEE_PERCENT = 50;
/** Rescheduling is allowed until this long before the start, at most MAX_RESCHEDULES times per booking chain. */
export const RESCHEDULE_CUTOFF_HOURS = 12;
export const MAX_RESCHEDULES = 2;
/** A lesson not marked complete becomes complete this long after its end, unless a no-show was reported. */
export const AUTO_COMPLETE_AFTER_HOURS = 24;
/** Either side may report a no-show until this long after the end. */
export const NO_SHOW_WINDOW_HOURS = 48;

export type CancelledBy = "student" | "instructor" | "admin" | "system";

/** Price of a lesson: hourly rate × duration, rounded to the cent, computed on the server only. */
export function lessonPriceCents(hourlyRateCents: number, durationMinutes: number): number {
  return Math.round((hourlyRateCents * durationMinutes) / 60);
}

/**
 * What a cancellation costs the student. Instructor, admin and system cancellations are always free for
 * the student. Student: free ≥ 24 h before, 50 % from 24 h to 12 h, full price under 12 h.
 */
export function cancellationFeeCents(priceCents: number, startAt: Date, now: Date, by: CancelledBy): number {
  if (by !== "student") return 0;
  const hoursBefore = (startAt.getTime() - now.getTime()) / HOUR;
  if (hoursBefore >= FREE_CANCELLATION_HOURS) return 0;
  if (hoursBefore >= HALF_FEE_CANCELLATION_HOURS) return Math.round((priceCents * HALF_FEE_PERCENT) / 100);
  return priceCents;
}

/** The instants where the student's cancellation fee changes, for quotes and confirmations. */
export function cancellationTerms(priceCents: number, startAt: Date) {
  return {
    freeUntil: new Date(startAt.getTime() - FREE_CANCELLATION_HOURS * HOUR),
    halfFeeUntil: new Date(startAt.getTime() - HALF_FEE_CANCELLATION_HOURS * HOUR),
    halfFeeCents: Math.round((priceCents * HALF_FEE_PERCENT) / 100),
    fullFeeCents: priceCents,
    summary: `Free cancellation until ${FREE_CANCELLATION_HOURS} hours before the lesson. From ${FREE_CANCELLATION_HOURS} to ${HALF_FEE_CANCELLATION_HOURS} hours before, ${HALF_FEE_PERCENT}% is charged; within ${HALF_FEE_CANCELLATION_HOURS} hours, the full price. Rescheduling is free until ${RESCHEDULE_CUTOFF_HOURS} hours before, up to ${MAX_RESCHEDULES} times.`,
  };
}

/** Why a reschedule is not allowed, or null when it is. */
export function rescheduleBlocker(startAt: Date, now: Date, rescheduleCount: number): string | null {
  if (rescheduleCount >= MAX_RESCHEDULES) return `A lesson can be rescheduled at most ${MAX_RESCHEDULES} times.`;
  if (startAt.getTime() - now.getTime() < RESCHEDULE_CUTOFF_HOURS * HOUR) {
    return `Lessons can be rescheduled until ${RESCHEDULE_CUTOFF_HOURS} hours before they start.`;
  }
  return null;
}

/** Whether a no-show may be reported now: after the start and within 48 h of the end. */
export function canReportNoShow(startAt: Date, endAt: Date, now: Date): boolean {
  return now >= startAt && now.getTime() <= endAt.getTime() + NO_SHOW_WINDOW_HOURS * HOUR;
}

/** When an unreported lesson completes by itself. */
export function autoCompleteAt(endAt: Date): Date {
  return new Date(endAt.getTime() + AUTO_COMPLETE_AFTER_HOURS * HOUR);
}
