import { expect, type Locator, type Page } from "@playwright/test";
import { DateTime } from "luxon";

export const NY = "America/New_York";

/** Stripe's documented test cards (the local gateway follows them). */
export const CARDS = {
  ok: "4242 4242 4242 4242",
  declinedAtSave: "4000 0000 0000 0002",
  declinedAtCharge: "4000 0000 0000 0341",
} as const;

/** A lesson start on the 15-minute grid: `hoursAhead` from now, rounded up to the next full hour (NY time). */
export function startInHours(hoursAhead: number): DateTime {
  return DateTime.now().setZone(NY).plus({ hours: hoursAhead }).startOf("hour").plus({ hours: 1 });
}

/** A lesson start `days` ahead at `hour`:00 New York time. */
export function startInDays(days: number, hour = 10): DateTime {
  return DateTime.now().setZone(NY).plus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 });
}

/** The booking page for a time (what a slot link on the profile opens). */
export function bookUrl(serviceId: string, start: DateTime, duration = 60): string {
  return `/book?${new URLSearchParams({ serviceId, start: start.toUTC().toISO()!, duration: String(duration) }).toString()}`;
}

/** The booking form's Payment section. */
export const paymentSection = (page: Page): Locator =>
  page.getByRole("form", { name: "Book this lesson" }).getByRole("region", { name: "Payment" });

/** "Add a card" → the local test-card form → Save. Returns the add-card region (its alert shows declines). */
export async function addTestCard(scope: Locator, number: string): Promise<Locator> {
  await scope.getByRole("button", { name: "Add a card" }).click();
  const form = scope.getByRole("region", { name: "Add a card" });
  await expect(form).toBeVisible();
  await form.getByLabel("Card number").fill(number);
  await form.getByLabel(/Expiry|Expiration/).fill("12 / 34");
  await form.getByLabel(/CVC|Security code/).fill("123");
  await form.getByRole("button", { name: /Save card/ }).click();
  return form;
}
