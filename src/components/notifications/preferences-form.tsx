"use client";

import { useState } from "react";
import { api } from "~/trpc/react";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Spinner } from "~/components/ui/spinner";
import {
  CATEGORIES,
  CATEGORY_LABEL,
  CHANNELS,
  CHANNEL_LABEL,
  type Category,
  type Channel,
  type Preference,
} from "./labels";

/**
 * Category × channel switches. Security notices are locked on (the server refuses turning them off). Arriving
 * from an email's footer (`token`), a banner offers the one-click unsubscribe from that email's category.
 */
export function PreferencesForm({ token, signedIn }: { token: string | null; signedIn: boolean }) {
  return (
    <div className="space-y-6">
      {token && <UnsubscribeBanner token={token} />}
      {signedIn ? (
        <Grid />
      ) : (
        <Alert tone="info">
          <a className="font-semibold underline" href="/sign-in?callbackUrl=%2Faccount%2Fnotifications">
            Sign in
          </a>{" "}
          to choose every notification you get.
        </Alert>
      )}
    </div>
  );
}

function UnsubscribeBanner({ token }: { token: string }) {
  const utils = api.useUtils();
  const category = /^[^.]+\.([a-z_]+)\./.exec(token)?.[1] as Category | undefined;
  const label = category && category in CATEGORY_LABEL ? CATEGORY_LABEL[category].label.toLowerCase() : null;
  const unsubscribe = api.notifications.unsubscribe.useMutation({
    onSuccess: () => utils.notifications.preferences.invalidate(),
  });
  if (!label || category === "security") return null;
  if (unsubscribe.isSuccess)
    return (
      <Alert tone="success" title="Unsubscribed">
        You won&apos;t get {label} emails any more.
      </Alert>
    );
  return (
    <Alert tone="info" title={`Stop ${label} emails?`}>
      <p>One click turns off {label} emails for this account. You can turn them back on below.</p>
      {unsubscribe.isError && <p className="mt-2 text-red-700">This link is not valid any more.</p>}
      <Button className="mt-3" size="sm" onClick={() => unsubscribe.mutate({ token })} disabled={unsubscribe.isPending}>
        Unsubscribe from {label} emails
      </Button>
    </Alert>
  );
}

function Grid() {
  const utils = api.useUtils();
  const prefs = api.notifications.preferences.useQuery();
  const [error, setError] = useState<string | null>(null);
  const set = api.notifications.setPreference.useMutation({
    onMutate: async (input) => {
      setError(null);
      await utils.notifications.preferences.cancel();
      const before = utils.notifications.preferences.getData();
      utils.notifications.preferences.setData(undefined, (old) =>
        old?.map((p) =>
          p.category === input.category && p.channel === input.channel ? { ...p, enabled: input.enabled } : p,
        ),
      );
      return { before };
    },
    onError: (e, _input, ctx) => {
      utils.notifications.preferences.setData(undefined, ctx?.before);
      setError(e.message);
    },
    onSuccess: (data) => utils.notifications.preferences.setData(undefined, data),
  });

  if (prefs.isPending)
    return (
      <div className="flex justify-center py-10" role="status" aria-label="Loading preferences">
        <Spinner className="size-6" />
      </div>
    );
  if (prefs.isError)
    return (
      <Alert tone="error" title="Couldn't load your preferences">
        Please try again.
      </Alert>
    );
  const find = (c: Category, ch: Channel): Preference | undefined =>
    prefs.data.find((p) => p.category === c && p.channel === ch);

  return (
    <Card
      id="notification-preferences"
      title="Notifications"
      description="Choose how we reach you about each kind of update. SMS goes only to a verified phone number."
    >
      {error && (
        <Alert tone="error" className="mb-4">
          {error}
        </Alert>
      )}
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">Notification preferences by category and channel</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th scope="col" className="py-2 pr-2 font-medium">
              Category
            </th>
            {CHANNELS.map((ch) => (
              <th key={ch} scope="col" className="w-16 px-1 py-2 text-center font-medium sm:w-20">
                {CHANNEL_LABEL[ch]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {CATEGORIES.map((c) => (
            <tr key={c} className="border-b border-slate-100 last:border-0">
              <th scope="row" className="py-3 pr-2 text-left font-normal">
                <span className="block font-medium text-slate-900">{CATEGORY_LABEL[c].label}</span>
                <span className="block text-xs text-slate-500">{CATEGORY_LABEL[c].help}</span>
              </th>
              {CHANNELS.map((ch) => {
                const p = find(c, ch);
                const name = `${CATEGORY_LABEL[c].label} by ${CHANNEL_LABEL[ch]}`;
                return (
                  <td key={ch} className="px-1 py-3 text-center">
                    <input
                      type="checkbox"
                      aria-label={p?.locked ? `${name} (always on)` : name}
                      className="size-5 accent-brand-600 disabled:opacity-60"
                      checked={p?.enabled ?? true}
                      disabled={p?.locked}
                      title={p?.locked ? "Security notices are always on" : undefined}
                      onChange={(e) => set.mutate({ category: c, channel: ch, enabled: e.target.checked })}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
