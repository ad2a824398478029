import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";

export type AuditRow = inferRouterOutputs<AppRouter>["admin"]["auditLog"][number];

function short(id: string | null) {
  return id ? `${id.slice(0, 6)}…${id.slice(-4)}` : "—";
}

function summary(data: unknown): string {
  if (!data || typeof data !== "object" || Object.keys(data).length === 0) return "";
  return Object.entries(data as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(", ");
}

/** Recent audit entries, times shown in the admin's own zone. */
export function AuditTable({ rows, timeZone }: { rows: AuditRow[]; timeZone: string }) {
  const fmt = new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium", timeStyle: "medium" });
  if (rows.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 px-4 py-10 text-center text-sm text-slate-600">
        No activity recorded yet.
      </p>
    );
  }
  return (
    <div className="relative overflow-x-auto rounded-xl border border-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Recent audit log, newest first</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3">
              When
            </th>
            <th scope="col" className="px-4 py-3">
              Action
            </th>
            <th scope="col" className="px-4 py-3">
              Actor
            </th>
            <th scope="col" className="px-4 py-3">
              Target
            </th>
            <th scope="col" className="px-4 py-3">
              Details
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {rows.map((r) => (
            <tr key={r.id} className="align-top">
              <td className="px-4 py-3 whitespace-nowrap text-slate-600">
                <time dateTime={r.createdAt.toISOString()}>{fmt.format(r.createdAt)}</time>
              </td>
              <td className="px-4 py-3 font-mono text-xs whitespace-nowrap text-slate-900">{r.action}</td>
              <td
                className="px-4 py-3 font-mono text-xs whitespace-nowrap text-slate-600"
                title={r.actorId ?? undefined}
              >
                {short(r.actorId)}
              </td>
              <td className="px-4 py-3 text-xs whitespace-nowrap text-slate-600">
                {r.targetType ? `${r.targetType} ${short(r.targetId)}` : "—"}
              </td>
              <td className="px-4 py-3 text-xs text-slate-600">{summary(r.data)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
