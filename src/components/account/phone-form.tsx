"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formatCountdown, useCooldown } from "~/components/auth/use-cooldown";
import { detailNumber, toApiError, type ApiError } from "~/components/forms/api-error";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { TextField } from "~/components/ui/field";
import { CheckIcon, PhoneIcon } from "~/components/ui/icons";
import { api } from "~/trpc/react";

type Stage =
  { kind: "view" } | { kind: "enter-number" } | { kind: "enter-code"; phone: string; expiresInSeconds: number };

/** Phone verification: number → 6-digit SMS code → verified (PRODUCT.md §1). */
export function PhoneForm({ phone, verified }: { phone: string | null; verified: boolean }) {
  const router = useRouter();
  const request = api.account.requestPhoneCode.useMutation();
  const verify = api.account.verifyPhoneCode.useMutation();
  const resendWait = useCooldown();
  const [stage, setStage] = useState<Stage>(verified && phone ? { kind: "view" } : { kind: "enter-number" });
  const [number, setNumber] = useState(phone ?? "");
  const [code, setCode] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [justVerified, setJustVerified] = useState(false);

  async function sendCode(target: string) {
    setError(null);
    try {
      const r = await request.mutateAsync({ phone: target.trim() });
      setStage({ kind: "enter-code", phone: target.trim(), expiresInSeconds: r.expiresInSeconds });
      setCode("");
      resendWait.start(30);
    } catch (err) {
      const e = toApiError(err);
      setError(e);
      if (e.code === "TOO_MANY_REQUESTS") resendWait.start(detailNumber(e, "retryAfter") ?? 60);
    }
  }

  async function onNumber(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    await sendCode(number);
  }

  async function onCode(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    try {
      await verify.mutateAsync({ code: code.trim() });
      setJustVerified(true);
      setStage({ kind: "view" });
      router.refresh();
    } catch (err) {
      setError(toApiError(err));
    }
  }

  const fe = (n: string) => error?.fieldErrors[n] ?? null;
  const shownPhone = stage.kind === "view" ? (justVerified ? number.trim() : phone) : null;

  return (
    <Card
      id="phone"
      title="Phone number"
      description="Used for lesson reminders and by your instructor or student once you have a booking together."
      actions={
        (verified || justVerified) && stage.kind === "view" ? (
          <Badge tone="success">
            <CheckIcon className="size-3.5" /> Verified
          </Badge>
        ) : undefined
      }
    >
      {stage.kind === "view" && (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="flex items-center gap-2 font-medium text-slate-900">
            <PhoneIcon className="size-4 text-slate-500" />
            {shownPhone}
          </p>
          <Button
            variant="outline"
            size="sm"
            onClick={() => {
              setStage({ kind: "enter-number" });
              setError(null);
              setJustVerified(false);
            }}
          >
            Change number
          </Button>
          {justVerified && (
            <Alert tone="success" className="w-full">
              Your phone number is verified.
            </Alert>
          )}
        </div>
      )}

      {stage.kind === "enter-number" && (
        <form onSubmit={(e) => void onNumber(e)} noValidate aria-label="Phone number" className="space-y-4">
          {error && <Alert tone="error">{error.message}</Alert>}
          {phone && !verified && <Alert tone="warning">{phone} is not verified yet.</Alert>}
          <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
            <TextField
              className="flex-1"
              label="Mobile number"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              placeholder="+12125550123"
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              error={fe("phone")}
              hint="International format, starting with + and your country code."
            />
            <Button
              type="submit"
              className="sm:mt-7"
              loading={request.isPending}
              disabled={!number.trim() || resendWait.secondsLeft > 0}
            >
              Send code
            </Button>
          </div>
          {verified && phone && (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => {
                setStage({ kind: "view" });
                setNumber(phone);
                setError(null);
              }}
            >
              Keep {phone}
            </Button>
          )}
        </form>
      )}

      {stage.kind === "enter-code" && (
        <form onSubmit={(e) => void onCode(e)} noValidate aria-label="Verify phone number" className="space-y-4">
          <Alert tone="info">
            We sent a 6-digit code to <strong>{stage.phone}</strong>. It expires in{" "}
            {Math.round(stage.expiresInSeconds / 60)} minutes.
          </Alert>
          {error && <Alert tone="error">{error.message}</Alert>}
          <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
            <TextField
              className="flex-1"
              label="Verification code"
              inputMode="numeric"
              autoComplete="one-time-code"
              placeholder="123456"
              maxLength={6}
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, "").slice(0, 6))}
              error={fe("code")}
              autoFocus
            />
            <Button type="submit" className="sm:mt-7" loading={verify.isPending} disabled={code.length !== 6}>
              Verify
            </Button>
          </div>
          <div className="flex flex-wrap items-center gap-4 text-sm">
            <button
              type="button"
              className="font-semibold text-brand-700 hover:text-brand-800 disabled:cursor-not-allowed disabled:text-slate-400"
              disabled={resendWait.secondsLeft > 0 || request.isPending}
              onClick={() => void sendCode(stage.phone)}
            >
              {resendWait.secondsLeft > 0 ? `Resend code in ${formatCountdown(resendWait.secondsLeft)}` : "Resend code"}
            </button>
            <button
              type="button"
              className="text-slate-600 hover:text-slate-900"
              onClick={() => {
                setStage({ kind: "enter-number" });
                setError(null);
              }}
            >
              Use a different number
            </button>
          </div>
        </form>
      )}
    </Card>
  );
}
