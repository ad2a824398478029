"use client";

import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import type { Stripe } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";
import { useState, type FormEvent } from "react";
import { toApiError } from "~/components/forms/api-error";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";

/**
 * Card entry with Stripe Elements (used when the server runs the Stripe gateway): the Payment Element collects the
 * card in Stripe's iframe and `stripe.confirmSetup` confirms the server's SetupIntent, handling 3-D Secure in place.
 * The card number never touches our servers; afterwards `onConfirmed` lets the page ask the server to read the saved
 * card from the SetupIntent. No business rules here.
 */
export type StripeCardSetupProps = {
  publishableKey: string;
  /** The SetupIntent's client secret from the server. */
  clientSecret: string;
  /** Called once Stripe confirmed the SetupIntent; a rejection is shown as the form's error. */
  onConfirmed: (setupIntentId: string) => Promise<void> | void;
  /** Told about every error shown (e.g. to log or to re-enable other UI). */
  onError?: (message: string) => void;
  submitLabel?: string;
};

/** One Stripe.js instance per key for the page's lifetime (`/pure` loads the script only when this renders). */
const stripeByKey = new Map<string, Promise<Stripe | null>>();
function stripeFor(publishableKey: string): Promise<Stripe | null> {
  let p = stripeByKey.get(publishableKey);
  if (!p) {
    p = loadStripe(publishableKey);
    stripeByKey.set(publishableKey, p);
  }
  return p;
}

export function StripeCardSetup(props: StripeCardSetupProps) {
  return (
    <Elements
      // Remount Elements for a new SetupIntent: its options are read once.
      key={props.clientSecret}
      stripe={stripeFor(props.publishableKey)}
      options={{
        clientSecret: props.clientSecret,
        appearance: { theme: "stripe", variables: { borderRadius: "8px", fontSizeBase: "15px" } },
      }}
    >
      <SetupForm {...props} />
    </Elements>
  );
}

function SetupForm({ onConfirmed, onError, submitLabel = "Save card" }: StripeCardSetupProps) {
  const stripe = useStripe();
  const elements = useElements();
  const [ready, setReady] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const fail = (message: string) => {
    setError(message);
    onError?.(message);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!stripe || !elements || busy) return;
    setBusy(true);
    setError(null);
    try {
      // Card errors from Stripe.js are written for the cardholder ("Your card was declined.").
      const { error: stripeError, setupIntent } = await stripe.confirmSetup({
        elements,
        redirect: "if_required",
        confirmParams: { return_url: window.location.href },
      });
      if (stripeError) return fail(stripeError.message ?? "Your card could not be saved.");
      if (setupIntent.status !== "succeeded") return fail("Your card could not be saved. Please try another card.");
      await onConfirmed(setupIntent.id);
    } catch (err) {
      fail(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-4" aria-label="Card details" noValidate>
      {!ready && <p className="text-sm text-slate-500">Loading the secure card form…</p>}
      <PaymentElement
        onReady={() => setReady(true)}
        onLoadError={() => fail("The card form could not load. Check your connection and try again.")}
        options={{ layout: "tabs" }}
      />
      {error && <Alert tone="error">{error}</Alert>}
      <Button type="submit" loading={busy} disabled={!stripe || !elements || !ready}>
        {submitLabel}
      </Button>
    </form>
  );
}
