"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toApiError, type ApiError } from "~/components/forms/api-error";
import { TimeZoneSelect } from "~/components/forms/time-zone-select";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { TextField } from "~/components/ui/field";
import { api } from "~/trpc/react";

type Props = { firstName: string; lastName: string; email: string; timeZone: string; zones: string[] };

export function ProfileForm(props: Props) {
  const router = useRouter();
  const update = api.account.updateProfile.useMutation();
  const [firstName, setFirstName] = useState(props.firstName);
  const [lastName, setLastName] = useState(props.lastName);
  const [timeZone, setTimeZone] = useState(props.timeZone);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  const dirty = firstName !== props.firstName || lastName !== props.lastName || timeZone !== props.timeZone;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await update.mutateAsync({ firstName: firstName.trim(), lastName: lastName.trim(), timeZone });
      setSaved(true);
      router.refresh(); // the header shows the name
    } catch (err) {
      setError(toApiError(err));
    }
  }

  const fe = (n: string) => error?.fieldErrors[n] ?? null;

  return (
    <Card id="profile" title="Profile" description="Your name and the time zone used for lesson times and reminders.">
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Profile" className="space-y-5">
        {error && <Alert tone="error">{error.message}</Alert>}
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            label="First name"
            autoComplete="given-name"
            value={firstName}
            onChange={(e) => {
              setFirstName(e.target.value);
              setSaved(false);
            }}
            error={fe("firstName")}
            maxLength={60}
            required
          />
          <TextField
            label="Last name"
            autoComplete="family-name"
            value={lastName}
            onChange={(e) => {
              setLastName(e.target.value);
              setSaved(false);
            }}
            error={fe("lastName")}
            maxLength={60}
            required
          />
        </div>
        <TextField
          label="Email"
          value={props.email}
          readOnly
          disabled
          hint="Contact support to change the email you sign in with."
        />
        <TimeZoneSelect
          label="Time zone"
          zones={props.zones}
          value={timeZone}
          onChange={(z) => {
            setTimeZone(z);
            setSaved(false);
          }}
          error={fe("timeZone")}
        />
        <div className="flex items-center gap-3">
          <Button type="submit" loading={update.isPending} disabled={!dirty}>
            Save changes
          </Button>
          <p role="status" className="text-sm font-medium text-emerald-700">
            {saved ? "Saved." : ""}
          </p>
        </div>
      </form>
    </Card>
  );
}
