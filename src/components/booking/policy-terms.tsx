import { fmtDateTime, formatMoney, zoneAbbrev } from "~/components/time/format";
import { RotateIcon } from "~/components/ui/icons";

export type Terms = {
  freeUntil: Date;
  halfFeeUntil: Date;
  halfFeeCents: number;
  fullFeeCents: number;
  summary: string;
};

/** The cancellation policy as the server states it, with its instants in the viewer's zone. */
export function PolicyTerms({ terms, currency, zone }: { terms: Terms; currency: string; zone: string }) {
  const at = (d: Date) => `${fmtDateTime(d, zone)} ${zoneAbbrev(zone, d)}`;
  return (
    <div className="rounded-xl bg-slate-50 p-3.5 text-sm ring-1 ring-slate-200">
      <p className="flex items-center gap-2 font-semibold text-slate-900">
        <RotateIcon className="size-4 text-emerald-600" /> Cancellation policy
      </p>
      <ul className="mt-2 space-y-1 text-slate-700">
        <li>
          <span className="font-medium text-emerald-700">Free cancellation</span> until {at(terms.freeUntil)}
        </li>
        <li>
          {formatMoney(terms.halfFeeCents, currency)} if you cancel until {at(terms.halfFeeUntil)}
        </li>
        <li>Full price ({formatMoney(terms.fullFeeCents, currency)}) after that</li>
      </ul>
      <p className="mt-2 text-xs text-slate-500">{terms.summary}</p>
    </div>
  );
}
