import type { RouterOutputs } from "~/trpc/react";

type Borough = RouterOutputs["catalog"]["regions"][number];

/**
 * A map-like sketch of the city: every neighbourhood as a dot at its centroid, the selected ones (or
 * those of selected boroughs) highlighted, plus an optional marker. No tiles, nothing from the network.
 */
export function RegionMap({
  boroughs,
  selected,
  marker,
  label,
  className,
}: {
  boroughs: Borough[];
  selected: ReadonlySet<string>;
  marker?: { lat: number; lng: number } | null;
  label: string;
  className?: string;
}) {
  const hoods = boroughs.flatMap((b) =>
    b.neighbourhoods.map((n) => ({ ...n, on: selected.has(n.id) || selected.has(b.id) })),
  );
  if (hoods.length === 0) return null;
  const lats = hoods.map((h) => h.lat);
  const lngs = hoods.map((h) => h.lng);
  const pad = 0.02;
  const minLat = Math.min(...lats) - pad;
  const maxLat = Math.max(...lats) + pad;
  const minLng = Math.min(...lngs) - pad;
  const maxLng = Math.max(...lngs) + pad;
  // Equirectangular with the longitude scaled by cos(latitude), so the city keeps its shape.
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const W = 300;
  const H = Math.round((W * (maxLat - minLat)) / ((maxLng - minLng) * k));
  const x = (lng: number) => ((lng - minLng) / (maxLng - minLng)) * W;
  const y = (lat: number) => ((maxLat - lat) / (maxLat - minLat)) * H;
  const count = hoods.filter((h) => h.on).length;
  return (
    <figure className={className}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={label}
        className="h-auto w-full rounded-xl bg-sky-50 ring-1 ring-slate-200"
      >
        {boroughs.map((b) => (
          <text
            key={b.id}
            x={x(b.lng)}
            y={y(b.lat)}
            textAnchor="middle"
            className="fill-slate-400 text-[9px] font-semibold tracking-wide uppercase"
          >
            {b.name}
          </text>
        ))}
        {hoods.map((h) => (
          <circle
            key={h.id}
            cx={x(h.lng)}
            cy={y(h.lat)}
            r={h.on ? 4 : 2.5}
            className={h.on ? "fill-brand-600" : "fill-slate-300"}
          />
        ))}
        {marker && (
          <g transform={`translate(${x(marker.lng)} ${y(marker.lat)})`}>
            <circle r={14} className="fill-amber-400/30" />
            <circle r={5} className="fill-amber-500 stroke-white" strokeWidth={2} />
          </g>
        )}
      </svg>
      <figcaption className="mt-1.5 text-xs text-slate-500">
        {marker
          ? "The amber circle is roughly where students see you — never your exact address."
          : `${count} ${count === 1 ? "neighbourhood" : "neighbourhoods"} covered.`}
      </figcaption>
    </figure>
  );
}
