"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { Captcha } from "~/components/captcha";
import { detailNumber, detailString, toApiError, type ApiError } from "~/components/forms/api-error";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { ShieldCheckIcon } from "~/components/ui/icons";
import { useHydrated } from "~/components/forms/use-hydrated";
import { api } from "~/trpc/react";
import { redeemTicket } from "./finish-sign-in";
import { formatCountdown, useCooldown } from "./use-cooldown";

const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Reasons after which the 2FA challenge is gone and the password step must be repeated. */
const RESTART_REASONS = new Set(["challenge_expired", "two_factor_attempts"]);

type Step = { kind: "password" } | { kind: "code"; challengeId: string };

/**
 * Sign-in: password step (with CAPTCHA after repeated failures and a cooldown while locked or rate-limited),
 * then a second-factor step when the account has 2FA; finally the ticket becomes a next-auth session.
 */
export function SignInForm({ callbackUrl, signUpHref }: { callbackUrl: string; signUpHref: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const utils = api.useUtils();
  const login = api.auth.login.useMutation();
  const verify = api.auth.verifySecondFactor.useMutation();
  const cooldown = useCooldown();

  const [step, setStep] = useState<Step>({ kind: "password" });
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [captchaRequired, setCaptchaRequired] = useState(false);
  const [captchaToken, setCaptchaToken] = useState<string | null>(null);
  const [captchaReset, setCaptchaReset] = useState(0);
  const [code, setCode] = useState("");
  const [useBackupCode, setUseBackupCode] = useState(false);
  const [finishing, setFinishing] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  const locked = cooldown.secondsLeft > 0;

  async function checkRequirements(value: string) {
    if (!LOOKS_LIKE_EMAIL.test(value.trim())) return;
    try {
      // Straight through the client: this must not be served from the query cache.
      const req = await utils.client.auth.loginRequirements.query({ email: value.trim() });
      if (req.captchaRequired) setCaptchaRequired(true);
      if (req.retryAfter > 0) cooldown.start(req.retryAfter);
    } catch {
      // Advisory only: the login call itself enforces everything.
    }
  }

  function resetCaptcha() {
    setCaptchaToken(null);
    setCaptchaReset((k) => k + 1);
  }

  async function finish(ticket: string) {
    setFinishing(true);
    if (await redeemTicket(ticket)) {
      router.replace(callbackUrl);
      router.refresh();
      return;
    }
    setFinishing(false);
    setStep({ kind: "password" });
    setError({
      message: "We couldn't start your session. Please sign in again.",
      code: null,
      fieldErrors: {},
      details: {},
    });
  }

  async function onPasswordSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (locked || login.isPending) return;
    if (captchaRequired && !captchaToken) {
      setError({ message: "Please confirm you're not a robot first.", code: null, fieldErrors: {}, details: {} });
      return;
    }
    setError(null);
    const usedToken = captchaToken;
    try {
      const r = await login.mutateAsync({
        email: email.trim(),
        password,
        ...(usedToken ? { captchaToken: usedToken } : {}),
      });
      if (r.status === "ok") {
        await finish(r.ticket);
      } else {
        setStep({ kind: "code", challengeId: r.challengeId });
        setCode("");
      }
    } catch (err) {
      const apiErr = toApiError(err);
      setError(apiErr);
      if (apiErr.details.captchaRequired === true) setCaptchaRequired(true);
      if (apiErr.code === "TOO_MANY_REQUESTS") cooldown.start(detailNumber(apiErr, "retryAfter") ?? 60);
      const reason = detailString(apiErr, "reason");
      if (reason === "invalid_credentials" || reason === "locked") {
        setPassword("");
        passwordRef.current?.focus();
      }
    } finally {
      // CAPTCHA tokens are single-use: every attempt needs a fresh one.
      if (usedToken) resetCaptcha();
    }
  }

  async function onCodeSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (step.kind !== "code" || verify.isPending) return;
    setError(null);
    try {
      const r = await verify.mutateAsync({ challengeId: step.challengeId, code: code.trim() });
      await finish(r.ticket);
    } catch (err) {
      const apiErr = toApiError(err);
      setError(apiErr);
      const reason = detailString(apiErr, "reason");
      // Wrong codes count as failed sign-ins too: a lock sends the person back to wait out the cooldown.
      if (apiErr.code === "TOO_MANY_REQUESTS") cooldown.start(detailNumber(apiErr, "retryAfter") ?? 60);
      if (apiErr.code === "TOO_MANY_REQUESTS" || (reason && RESTART_REASONS.has(reason))) {
        setStep({ kind: "password" });
        setPassword("");
        setCode("");
      }
    }
  }

  const fieldError = (name: string) => error?.fieldErrors[name] ?? null;

  if (step.kind === "code") {
    return (
      <form onSubmit={(e) => void onCodeSubmit(e)} noValidate aria-labelledby="twofa-title" className="space-y-5">
        <div className="flex items-start gap-3">
          <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-brand-50 text-brand-700">
            <ShieldCheckIcon />
          </span>
          <div>
            <h2 id="twofa-title" className="text-lg font-semibold text-slate-900">
              Two-factor authentication
            </h2>
            <p className="mt-1 text-sm text-slate-600">
              {useBackupCode
                ? "Enter one of your backup codes. Each code works once."
                : "Enter the 6-digit code from your authenticator app."}
            </p>
          </div>
        </div>
        {error && <Alert tone="error">{error.message}</Alert>}
        <TextField
          key={useBackupCode ? "backup" : "totp"}
          label={useBackupCode ? "Backup code" : "Authentication code"}
          name="code"
          value={code}
          onChange={(e) => setCode(useBackupCode ? e.target.value : e.target.value.replace(/\D/g, "").slice(0, 6))}
          inputMode={useBackupCode ? "text" : "numeric"}
          autoComplete="one-time-code"
          autoCapitalize="off"
          spellCheck={false}
          placeholder={useBackupCode ? "xxxxx-xxxxx" : "123456"}
          maxLength={useBackupCode ? 20 : 6}
          autoFocus
          required
          className="[&_input]:font-mono [&_input]:tracking-widest"
        />
        <Button
          type="submit"
          size="lg"
          className="w-full"
          loading={verify.isPending || finishing}
          disabled={code.trim().length < 6}
        >
          {finishing ? "Signing in…" : "Verify"}
        </Button>
        <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
          <button
            type="button"
            className="font-semibold text-brand-700 hover:text-brand-800"
            onClick={() => {
              setUseBackupCode((b) => !b);
              setCode("");
              setError(null);
            }}
          >
            {useBackupCode ? "Use your authenticator app instead" : "Use a backup code instead"}
          </button>
          <button
            type="button"
            className="text-slate-600 hover:text-slate-900"
            onClick={() => {
              setStep({ kind: "password" });
              setPassword("");
              setError(null);
            }}
          >
            Start over
          </button>
        </div>
      </form>
    );
  }

  return (
    <form onSubmit={(e) => void onPasswordSubmit(e)} noValidate aria-label="Sign in" className="space-y-5">
      {error && !locked && <Alert tone="error">{error.message}</Alert>}
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        inputMode="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        onBlur={(e) => void checkRequirements(e.target.value)}
        error={fieldError("email")}
        required
        autoFocus
      />
      <TextField
        ref={passwordRef}
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        labelAside={
          <Link href="/forgot-password" className="text-sm font-medium text-brand-700 hover:text-brand-800">
            Forgot password?
          </Link>
        }
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fieldError("password")}
        required
      />
      {captchaRequired && (
        <fieldset className="space-y-2">
          <legend className="mb-1.5 text-sm font-medium text-slate-800">Quick check</legend>
          <p className="text-sm text-slate-600">
            After several unsuccessful attempts we need to make sure you&apos;re a person.
          </p>
          <Captcha resetKey={captchaReset} onToken={setCaptchaToken} />
        </fieldset>
      )}
      {/* Always mounted so screen readers pick up the cooldown when it appears. */}
      <div role="status" aria-live="polite" aria-atomic="true">
        {locked && (
          <div className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
            {error?.code === "TOO_MANY_REQUESTS" && (
              <p>
                {detailString(error, "reason") === "locked"
                  ? "Too many failed attempts. For your security, sign-in is paused for this account."
                  : error.message}
              </p>
            )}
            <p className="font-semibold">Try again in {formatCountdown(cooldown.secondsLeft)}</p>
          </div>
        )}
      </div>
      <Button
        type="submit"
        size="lg"
        className="w-full"
        loading={login.isPending || finishing}
        disabled={!hydrated || locked || login.isPending || finishing}
      >
        {finishing ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        New to InstaInstru?{" "}
        <Link href={signUpHref} className="font-semibold text-brand-700 hover:text-brand-800">
          Create an account
        </Link>
      </p>
    </form>
  );
}
