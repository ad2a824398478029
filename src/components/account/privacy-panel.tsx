"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toApiError, type ApiError } from "~/components/forms/api-error";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Dialog } from "~/components/ui/dialog";
import { TextField } from "~/components/ui/field";
import { Spinner } from "~/components/ui/spinner";
import { api } from "~/trpc/react";

const STATUS_TEXT: Record<string, string> = {
  pending: "Preparing…",
  ready: "Ready",
  downloaded: "Downloaded",
  expired: "Link expired",
  failed: "Failed",
};

function when(d: Date, zone: string): string {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: zone }).format(d);
}

/** "Download my data": starts the export job, shows its progress and the single-use download link. */
export function DataExportCard({ timeZone }: { timeZone: string }) {
  const utils = api.useUtils();
  const exports = api.account.exports.useQuery(undefined, {
    // Poll while an archive is being prepared.
    refetchInterval: (q) => (q.state.data?.some((e) => e.status === "pending") ? 2000 : false),
  });
  const request = api.account.requestExport.useMutation({ onSuccess: () => utils.account.exports.invalidate() });
  const [error, setError] = useState<ApiError | null>(null);
  const list = exports.data ?? [];

  return (
    <Card
      id="your-data"
      title="Your data"
      description="Download a copy of everything we hold about you: profile, lessons, messages, reviews, notifications, payments and searches (JSON)."
    >
      <div className="space-y-4">
        {error && <Alert tone="error">{error.message}</Alert>}
        <Button
          type="button"
          variant="outline"
          loading={request.isPending}
          disabled={request.isPending || list.some((e) => e.status === "pending")}
          onClick={() => {
            setError(null);
            request.mutateAsync().catch((err: unknown) => setError(toApiError(err)));
          }}
        >
          Download my data
        </Button>
        {exports.isLoading ? (
          <p className="flex items-center gap-2 text-sm text-slate-600" role="status">
            <Spinner /> Loading your exports…
          </p>
        ) : exports.isError ? (
          <Alert tone="error">We couldn&apos;t load your exports. Reload the page to try again.</Alert>
        ) : list.length > 0 ? (
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200" aria-label="Your exports">
            {list.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
                <span className="text-slate-700">
                  Requested {when(e.createdAt, timeZone)} · <span className="font-medium">{STATUS_TEXT[e.status]}</span>
                  {e.status === "pending" && <Spinner className="ml-2 inline" />}
                </span>
                {e.downloadPath && (
                  <a
                    href={e.downloadPath}
                    download
                    onClick={() => setTimeout(() => void utils.account.exports.invalidate(), 1500)}
                    className="font-semibold text-brand-700 hover:text-brand-800"
                  >
                    Download (once, until {when(e.expiresAt!, timeZone)})
                  </a>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </Card>
  );
}

/** Account deletion, confirmed with the password (and a 2FA code when it is on). */
export function DeleteAccountCard({ twoFactorEnabled, isAdmin }: { twoFactorEnabled: boolean; isAdmin: boolean }) {
  const router = useRouter();
  const remove = api.account.deleteAccount.useMutation();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [error, setError] = useState<ApiError | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    try {
      await remove.mutateAsync({ password, code: twoFactorEnabled ? code : undefined });
      await signOut({ redirect: false });
      router.replace("/");
      router.refresh();
    } catch (err) {
      setError(toApiError(err));
    }
  }

  return (
    <Card
      id="delete-account"
      title="Delete account"
      description="Your upcoming lessons are cancelled under the usual cancellation policy, and your personal details, messages and reviews are erased. Lesson and payment records are kept for accounting, without your name."
    >
      {isAdmin ? (
        <p className="text-sm text-slate-600">Admin accounts are removed by another admin.</p>
      ) : (
        <Button type="button" variant="danger" onClick={() => setOpen(true)}>
          Delete my account
        </Button>
      )}
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Delete your account?"
        description="This can't be undone."
        size="sm"
      >
        <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Delete account" className="space-y-4">
          {error && <Alert tone="error">{error.message}</Alert>}
          <TextField
            label="Password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={error?.fieldErrors.password ?? null}
            required
            autoFocus
          />
          {twoFactorEnabled && (
            <TextField
              label="Authentication code"
              hint="The 6-digit code from your app, or a backup code."
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              error={error?.fieldErrors.code ?? null}
              maxLength={20}
              required
            />
          )}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              Keep my account
            </Button>
            <Button type="submit" variant="danger" loading={remove.isPending} disabled={remove.isPending || !password}>
              Delete permanently
            </Button>
          </div>
        </form>
      </Dialog>
    </Card>
  );
}
