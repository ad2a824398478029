"use client";

import { useState, type FormEvent } from "react";
import { detailString, toApiError } from "~/components/forms/api-error";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { brandOf, cardDigits, cvcLength, TEST_CARDS } from "~/lib/cards";
import {
  fieldOfCardError,
  formatCardNumber,
  formatExpiry,
  parseExpiry,
  validateCardFields,
  type CardFieldErrors,
  type CardFields,
} from "./card-input";

/** What the local gateway needs to confirm the SetupIntent (the page passes it to `payments.confirmLocalCard`). */
export type LocalCardInput = {
  setupIntentId: string;
  clientSecret: string;
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
};

export type LocalTestCardFormProps<TCard> = {
  setupIntentId: string;
  clientSecret: string;
  /** Confirms the card on the server (local gateway) and returns the saved card; rejects with the card error. */
  confirmLocal: (input: LocalCardInput) => Promise<TCard>;
  onSaved: (card: TCard) => void;
  /** Told about every error shown. */
  onError?: (message: string) => void;
  submitLabel?: string;
};

const BRAND_LABEL: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
  diners: "Diners Club",
  jcb: "JCB",
  unionpay: "UnionPay",
};
const groupDigits = (n: string) => formatCardNumber(n);

/**
 * Card entry for the embedded default (no Stripe keys): the local test gateway decides outcomes with Stripe's
 * documented test cards, listed in the hint. Masks and inline validation mirror Stripe Elements; declines from the
 * server are shown on the field they concern, or for the whole card. No business rules here.
 */
export function LocalTestCardForm<TCard>({
  setupIntentId,
  clientSecret,
  confirmLocal,
  onSaved,
  onError,
  submitLabel = "Save card",
}: LocalTestCardFormProps<TCard>) {
  const [fields, setFields] = useState<CardFields>({ number: "", expiry: "", cvc: "" });
  const [touched, setTouched] = useState<Partial<Record<keyof CardFields, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<CardFieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const brand = brandOf(cardDigits(fields.number));
  const inline = validateCardFields(fields, new Date());
  const shown = (f: keyof CardFields) => serverErrors[f] ?? (touched[f] ? inline[f] : undefined);

  const set = (f: keyof CardFields, value: string) => {
    setFields((prev) => ({ ...prev, [f]: value }));
    setServerErrors((prev) => ({ ...prev, [f]: undefined }));
    setFormError(null);
  };

  function fillTestCard(number: string) {
    const nextYear = (new Date().getFullYear() + 3) % 100;
    setFields({
      number: groupDigits(number),
      expiry: `12 / ${String(nextYear).padStart(2, "0")}`,
      cvc: "4".repeat(cvcLength(brandOf(number))),
    });
    setTouched({});
    setServerErrors({});
    setFormError(null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setTouched({ number: true, expiry: true, cvc: true });
    const exp = parseExpiry(fields.expiry);
    if (Object.keys(inline).length > 0 || !exp) return;
    setBusy(true);
    setFormError(null);
    try {
      const card = await confirmLocal({
        setupIntentId,
        clientSecret,
        number: cardDigits(fields.number),
        expMonth: exp.month,
        expYear: exp.year,
        cvc: fields.cvc,
      });
      onSaved(card);
    } catch (err) {
      const apiError = toApiError(err);
      const field = fieldOfCardError(detailString(apiError, "code"));
      if (field) setServerErrors({ [field]: apiError.message });
      else setFormError(apiError.message);
      onError?.(apiError.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-4" aria-label="Card details" noValidate>
      <Alert tone="info" title="Test mode">
        Payments run on the local test gateway: no real card is charged. Use one of Stripe&apos;s test cards below.
      </Alert>
      <TextField
        label="Card number"
        name="cardnumber"
        autoComplete="cc-number"
        inputMode="numeric"
        placeholder="1234 1234 1234 1234"
        maxLength={23}
        value={fields.number}
        onChange={(e) => set("number", formatCardNumber(e.target.value))}
        onBlur={() => setTouched((t) => ({ ...t, number: true }))}
        error={shown("number")}
        labelAside={
          BRAND_LABEL[brand] ? <span className="text-xs text-slate-500">{BRAND_LABEL[brand]}</span> : undefined
        }
        required
      />
      <div className="grid grid-cols-2 gap-3">
        <TextField
          label="Expiry (MM / YY)"
          name="cc-exp"
          autoComplete="cc-exp"
          inputMode="numeric"
          placeholder="MM / YY"
          maxLength={7}
          value={fields.expiry}
          onChange={(e) => set("expiry", formatExpiry(e.target.value, fields.expiry))}
          onBlur={() => setTouched((t) => ({ ...t, expiry: true }))}
          error={shown("expiry")}
          required
        />
        <TextField
          label="Security code (CVC)"
          name="cvc"
          autoComplete="cc-csc"
          inputMode="numeric"
          placeholder={brand === "amex" ? "1234" : "123"}
          maxLength={cvcLength(brand)}
          value={fields.cvc}
          onChange={(e) => set("cvc", e.target.value.replace(/\D/g, "").slice(0, cvcLength(brand)))}
          onBlur={() => setTouched((t) => ({ ...t, cvc: true }))}
          error={shown("cvc")}
          required
        />
      </div>
      {formError && <Alert tone="error">{formError}</Alert>}
      <details className="rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm">
        <summary className="cursor-pointer font-medium text-slate-800">Test cards (any future expiry, any CVC)</summary>
        <ul className="mt-2 space-y-1">
          {TEST_CARDS.map((c) => (
            <li key={c.number} className="flex flex-wrap items-center justify-between gap-2">
              <span>
                <span className="font-mono text-slate-900">{groupDigits(c.number)}</span>{" "}
                <span className="text-slate-600">— {c.description}</span>
              </span>
              <Button
                variant="ghost"
                size="sm"
                onClick={() => fillTestCard(c.number)}
                aria-label={`Fill in test card ${groupDigits(c.number)}`}
              >
                Use
              </Button>
            </li>
          ))}
        </ul>
      </details>
      <Button type="submit" loading={busy}>
        {submitLabel}
      </Button>
    </form>
  );
}
