/**
 * Test-only payment fixtures, through the product's own routers and the local gateway (Stripe's test cards):
 * a saved card for a student, a completed Connect account for an instructor, and the ledger check every payment
 * test ends with — a plain SQL query here, not the code under test.
 */
import { sql } from "drizzle-orm";
import { rowsOf } from "~/server/db/client";
import type { Runtime } from "~/server/runtime";
import type { UserRow } from "~/server/repositories/users";
import { asLocalGateway } from "~/server/integrations/payments";
import { callerFor } from "./harness";

/** Stripe's documented test cards (the local gateway honours them). */
export const TEST_CARDS = {
  visa: "4242424242424242",
  /** Saved fine, declined whenever it is charged (authorization fails). */
  declinesOnCharge: "4000000000000341",
  /** Declined when saved. */
  declined: "4000000000000002",
} as const;

/** Saves a card for the student through `payments.startCardSetup` + `payments.confirmLocalCard`; returns its id. */
export async function saveCard(
  rt: Runtime,
  student: Pick<UserRow, "id" | "sessionVersion">,
  number: string = TEST_CARDS.visa,
): Promise<string> {
  const api = await callerFor(rt, student);
  const setup = await api.payments.startCardSetup();
  const card = await api.payments.confirmLocalCard({ ...setup, number, expMonth: 12, expYear: 2034, cvc: "123" });
  return card.paymentMethodId;
}

/** Gives the instructor a completed local Connect account (onboarding link → "complete" → status refreshed). */
export async function onboardInstructor(
  rt: Runtime,
  instructor: Pick<UserRow, "id" | "sessionVersion">,
): Promise<void> {
  const local = asLocalGateway(rt.payments);
  if (!local) throw new Error("onboardInstructor needs the local gateway");
  const api = await callerFor(rt, instructor);
  const { url } = await api.payouts.startOnboarding();
  const token = new URL(url).searchParams.get("link");
  if (!token) throw new Error(`no onboarding token in ${url}`);
  await local.completeOnboarding({ token, userId: instructor.id });
  const account = await api.payouts.refreshStatus();
  if (account.state !== "complete") throw new Error(`onboarding did not complete: ${JSON.stringify(account)}`);
}

/**
 * Ledger transactions whose entries do not sum to zero, plus the grand total (must be zero too). Written as
 * SQL here on purpose: the test checks the ledger without trusting the repository under test.
 */
export async function ledgerImbalances(
  rt: Runtime,
): Promise<{ unbalanced: { transaction_id: string; total: number }[]; grandTotal: number }> {
  const unbalanced = rowsOf<{ transaction_id: string; total: number }>(
    await rt.dbh.db.execute(
      sql`select transaction_id, sum(amount_cents)::int as total from ledger_entries group by transaction_id having sum(amount_cents) <> 0`,
    ),
  );
  const [g] = rowsOf<{ total: number }>(
    await rt.dbh.db.execute(sql`select coalesce(sum(amount_cents), 0)::int as total from ledger_entries`),
  );
  return { unbalanced, grandTotal: Number(g?.total ?? 0) };
}

/** Sum of the ledger per account for one booking (test assertions on who got what). */
export async function ledgerByAccount(rt: Runtime, bookingId: string): Promise<Record<string, number>> {
  const rows = rowsOf<{ account: string; total: number }>(
    await rt.dbh.db.execute(
      sql`select account, sum(amount_cents)::int as total from ledger_entries where booking_id = ${bookingId} group by account`,
    ),
  );
  return Object.fromEntries(rows.map((r) => [r.account, Number(r.total)]));
}
