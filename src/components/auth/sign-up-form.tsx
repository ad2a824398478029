"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { detailString, toApiError, type ApiError } from "~/components/forms/api-error";
import { TimeZoneSelect } from "~/components/forms/time-zone-select";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { TextField } from "~/components/ui/field";
import { BookIcon, MusicIcon } from "~/components/ui/icons";
import { useHydrated } from "~/components/forms/use-hydrated";
import { useViewerZone } from "~/components/time/use-viewer-zone";
import { api } from "~/trpc/react";
import { redeemTicket } from "./finish-sign-in";
import { PasswordStrengthHint } from "./password-strength";

export type SignUpRole = "student" | "instructor";

const ROLES: { value: SignUpRole; title: string; body: string; Icon: typeof BookIcon }[] = [
  {
    value: "student",
    title: "I want to learn",
    body: "Find instructors and book lessons for me or my child.",
    Icon: BookIcon,
  },
  {
    value: "instructor",
    title: "I want to teach",
    body: "Offer lessons, set your hours and get paid.",
    Icon: MusicIcon,
  },
];

export function SignUpForm({
  zones,
  defaultRole,
  callbackUrl,
  signInHref,
}: {
  zones: string[];
  defaultRole: SignUpRole;
  callbackUrl: string;
  signInHref: string;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const signUp = api.auth.signUp.useMutation();
  const [role, setRole] = useState<SignUpRole>(defaultRole);
  const [firstName, setFirstName] = useState("");
  const [lastName, setLastName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [chosenZone, setTimeZone] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [finishing, setFinishing] = useState(false);

  // The browser knows the person's zone; the server render cannot, so it appears after hydration.
  const timeZone = useViewerZone(chosenZone) ?? "";

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (signUp.isPending || finishing) return;
    setError(null);
    try {
      const { ticket } = await signUp.mutateAsync({
        role,
        firstName: firstName.trim(),
        lastName: lastName.trim(),
        email: email.trim(),
        password,
        timeZone: timeZone || "America/New_York",
      });
      setFinishing(true);
      if (await redeemTicket(ticket)) {
        router.replace(callbackUrl);
        router.refresh();
        return;
      }
      // The account exists; only the automatic sign-in failed.
      router.replace(`${signInHref}${signInHref.includes("?") ? "&" : "?"}notice=account-created`);
    } catch (err) {
      const apiErr = toApiError(err);
      // A conflict names the field it is about (the email); show it there.
      const field = detailString(apiErr, "field");
      if (field && !apiErr.fieldErrors[field])
        apiErr.fieldErrors = { ...apiErr.fieldErrors, [field]: [apiErr.message] };
      setError(apiErr);
      setFinishing(false);
    }
  }

  const fe = (name: string) => error?.fieldErrors[name] ?? null;
  const summary = error && !(detailString(error, "field") && error.code === "CONFLICT") ? error.message : null;

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Create your account" className="space-y-5">
      {summary && <Alert tone="error">{summary}</Alert>}
      <fieldset>
        <legend id="role-legend" className="mb-2 text-sm font-medium text-slate-800">
          How will you use InstaInstru?
        </legend>
        <div role="radiogroup" aria-labelledby="role-legend" className="grid gap-3 sm:grid-cols-2">
          {ROLES.map(({ value, title, body, Icon }) => (
            <label
              key={value}
              className={cn(
                "relative flex cursor-pointer gap-3 rounded-xl border p-4 transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600",
                role === value
                  ? "border-brand-600 bg-brand-50 ring-1 ring-brand-600"
                  : "border-slate-300 hover:border-slate-400",
              )}
            >
              <input
                type="radio"
                name="role"
                value={value}
                checked={role === value}
                onChange={() => setRole(value)}
                className="mt-1 size-4 shrink-0 accent-brand-600 focus-visible:outline-none"
              />
              <span>
                <span className="flex items-center gap-1.5 font-semibold text-slate-900">
                  <Icon className="size-4 text-brand-600" />
                  {title}
                </span>
                <span className="mt-0.5 block text-sm text-slate-600">{body}</span>
              </span>
            </label>
          ))}
        </div>
        {fe("role") && <p className="mt-1.5 text-sm text-red-700">{fe("role")?.join(" ")}</p>}
      </fieldset>

      <div className="grid gap-5 sm:grid-cols-2">
        <TextField
          label="First name"
          name="firstName"
          autoComplete="given-name"
          value={firstName}
          onChange={(e) => setFirstName(e.target.value)}
          error={fe("firstName")}
          required
          maxLength={60}
        />
        <TextField
          label="Last name"
          name="lastName"
          autoComplete="family-name"
          value={lastName}
          onChange={(e) => setLastName(e.target.value)}
          error={fe("lastName")}
          required
          maxLength={60}
          hint={role === "instructor" ? "Students see only your initial." : undefined}
        />
      </div>
      <TextField
        label="Email"
        name="email"
        type="email"
        inputMode="email"
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={fe("email")}
        required
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fe("password")}
        hint={<PasswordStrengthHint password={password} />}
        required
        maxLength={128}
      />
      <TimeZoneSelect
        label="Time zone"
        name="timeZone"
        zones={zones}
        value={timeZone}
        onChange={setTimeZone}
        error={fe("timeZone")}
        hint="Lesson times and reminders use this zone."
      />

      <Button type="submit" size="lg" className="w-full" loading={signUp.isPending || finishing} disabled={!hydrated}>
        {finishing ? "Signing you in…" : "Create account"}
      </Button>
      <p className="text-center text-xs text-slate-500">
        By creating an account you agree to our terms of service and privacy policy.
      </p>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href={signInHref} className="font-semibold text-brand-700 hover:text-brand-800">
          Sign in
        </Link>
      </p>
    </form>
  );
}
