/** An audit entry's data as a readable change: `field: before → after` for what changed, then any other facts. */
export function AuditDiff({ data }: { data: Record<string, unknown> }) {
  const obj = (v: unknown): Record<string, unknown> | null =>
    v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  const show = (v: unknown) => (v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));
  const before = obj(data.before);
  const after = obj(data.after);
  const changes: [string, unknown, unknown][] = [];
  const rest: [string, unknown][] = [];
  if (before || after) {
    const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
    for (const k of keys) changes.push([k, before?.[k], after?.[k]]);
  } else if ("from" in data || "to" in data) {
    changes.push(["value", data.from, data.to]);
  }
  for (const [k, v] of Object.entries(data))
    if (!["before", "after", ...(changes.some((c) => c[0] === "value") ? ["from", "to"] : [])].includes(k))
      rest.push([k, v]);
  if (changes.length === 0 && rest.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <dl className="space-y-1 text-xs">
      {changes.map(([k, b, a]) => (
        <div key={k} className="flex flex-wrap items-baseline gap-1">
          <dt className="font-medium text-slate-700">{k}:</dt>
          <dd className="flex flex-wrap items-baseline gap-1">
            <del className="rounded bg-red-50 px-1 text-red-800 decoration-red-400">
              <span className="sr-only">before </span>
              {show(b)}
            </del>
            <span aria-hidden="true">→</span>
            <ins className="rounded bg-emerald-50 px-1 text-emerald-800 no-underline">
              <span className="sr-only">after </span>
              {show(a)}
            </ins>
          </dd>
        </div>
      ))}
      {rest.map(([k, v]) => (
        <div key={k} className="flex flex-wrap gap-1">
          <dt className="font-medium text-slate-700">{k}:</dt>
          <dd className="break-all text-slate-600">{show(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Where an audit target lives in the console (null when it has no page). */
export function auditTargetHref(type: string | null, id: string | null): string | null {
  if (!type || !id) return null;
  if (type === "user" || type === "instructor") return `/admin/users/${id}`;
  if (type === "booking") return `/admin/bookings/${id}`;
  return null;
}
