import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { Badge } from "~/components/ui/badge";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Dev outbox", robots: { index: false } };
export const dynamic = "force-dynamic";

/**
 * Email and SMS that the local adapters "sent" (e.g. phone verification codes), for the signed-in person only
 * (admins see all). Absent where real providers send the mail; the rules live in the outbox service.
 */
export default async function DevOutboxPage() {
  const rows = await (await serverApi()).devOutbox.list().catch((e: unknown) => {
    if (e instanceof TRPCError && e.code === "NOT_FOUND") notFound();
    if (e instanceof TRPCError && e.code === "UNAUTHORIZED")
      redirect(`/sign-in?callbackUrl=${encodeURIComponent("/dev/outbox")}`);
    throw e;
  });
  const fmt = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10 sm:px-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Dev outbox</h1>
        <p className="text-sm text-slate-500">Newest first · last 100 · times in UTC</p>
      </div>
      <p className="mt-2 text-slate-600">
        Messages to you that the local email and SMS adapters recorded instead of sending.
      </p>
      {rows.length === 0 ? (
        <p className="mt-8 rounded-xl border border-dashed border-slate-300 px-4 py-12 text-center text-slate-600">
          Nothing sent yet.
        </p>
      ) : (
        <div className="mt-8 relative overflow-x-auto rounded-xl border border-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Sent messages</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3">
                  Sent
                </th>
                <th scope="col" className="px-4 py-3">
                  Channel
                </th>
                <th scope="col" className="px-4 py-3">
                  To
                </th>
                <th scope="col" className="px-4 py-3">
                  Message
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 bg-white">
              {rows.map((r) => (
                <tr key={r.id} className="align-top">
                  <td className="px-4 py-3 whitespace-nowrap text-slate-600">
                    <time dateTime={r.createdAt.toISOString()}>{fmt.format(r.createdAt)}</time>
                  </td>
                  <td className="px-4 py-3">
                    <Badge tone={r.channel === "sms" ? "brand" : "neutral"}>{r.channel.toUpperCase()}</Badge>
                  </td>
                  <td className="px-4 py-3 font-mono text-xs whitespace-nowrap text-slate-900">{r.recipient}</td>
                  <td className="px-4 py-3 text-slate-800">
                    {r.subject && <p className="font-semibold">{r.subject}</p>}
                    <p className="whitespace-pre-wrap">{r.body}</p>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
