"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toApiError, type ApiError } from "~/components/forms/api-error";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { SelectField, TextField } from "~/components/ui/field";
import { LockIcon, MapPinIcon } from "~/components/ui/icons";
import { api, type RouterOutputs } from "~/trpc/react";
import { RegionMap } from "./region-map";

type Profile = RouterOutputs["instructor"]["myProfile"];

/**
 * The private address where students come for lessons. There is no address lookup yet, so the instructor
 * names the neighbourhood it is in and its centre stands in for the coordinates; the server derives the
 * public point (jittered) and the neighbourhood students see.
 */
export function TeachingAddressForm({ profile }: { profile: Profile }) {
  const router = useRouter();
  const utils = api.useUtils();
  const regions = api.catalog.regions.useQuery(undefined, { staleTime: 5 * 60_000 });
  const save = api.instructor.setTeachingAddress.useMutation();
  const [line, setLine] = useState(profile.address?.line ?? "");
  const [hoodId, setHoodId] = useState(profile.neighbourhood?.id ?? "");
  const [result, setResult] = useState<Pick<Profile, "neighbourhood" | "publicLocation">>({
    neighbourhood: profile.neighbourhood,
    publicLocation: profile.publicLocation,
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState("");

  const hoods = (regions.data ?? []).flatMap((b) => b.neighbourhoods);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setStatus("");
    const hood = hoods.find((h) => h.id === hoodId);
    if (!hood) {
      setError({
        message: "Please fix the highlighted fields.",
        code: "BAD_REQUEST",
        fieldErrors: { neighbourhood: ["Choose the neighbourhood the address is in"] },
        details: {},
      });
      return;
    }
    try {
      const p = await save.mutateAsync({ addressLine: line, lat: hood.lat, lng: hood.lng });
      setResult({ neighbourhood: p.neighbourhood, publicLocation: p.publicLocation });
      setStatus("Address saved.");
      void utils.instructor.checklist.invalidate();
      router.refresh();
    } catch (err) {
      setError(toApiError(err));
    }
  }

  return (
    <Card
      id="address"
      title="Where students come to you"
      description="Only used when students book a lesson at your place."
    >
      <form
        onSubmit={(e) => void onSubmit(e)}
        noValidate
        aria-label="Teaching address"
        className="grid gap-6 lg:grid-cols-[1fr_16rem]"
      >
        <div className="space-y-4">
          {error && <Alert tone="error">{error.message}</Alert>}
          <TextField
            label="Street address"
            autoComplete="street-address"
            value={line}
            maxLength={200}
            onChange={(e) => setLine(e.target.value)}
            error={error?.fieldErrors.addressLine ?? null}
            hint={
              <span className="inline-flex items-center gap-1">
                <LockIcon className="size-3.5" /> Private: shared only with students who booked a lesson at your place.
              </span>
            }
          />
          <SelectField
            label="Neighbourhood"
            value={hoodId}
            onChange={(e) => setHoodId(e.target.value)}
            error={error?.fieldErrors.neighbourhood ?? error?.fieldErrors.lat ?? null}
            disabled={regions.isPending}
          >
            <option value="">{regions.isPending ? "Loading…" : "Choose the neighbourhood"}</option>
            {(regions.data ?? []).map((b) => (
              <optgroup key={b.id} label={b.name}>
                {b.neighbourhoods.map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
          <div className="flex items-center gap-3">
            <Button type="submit" loading={save.isPending} disabled={!line.trim() || !hoodId}>
              {save.isPending ? "Saving…" : "Save address"}
            </Button>
            <p role="status" className="text-sm font-medium text-emerald-700">
              {status}
            </p>
          </div>
        </div>
        <div className="space-y-2">
          {result.neighbourhood ? (
            <p className="flex items-start gap-2 text-sm text-slate-700">
              <MapPinIcon className="mt-0.5 size-4 shrink-0 text-brand-600" />
              <span>
                Students see <span className="font-semibold text-slate-900">{result.neighbourhood.name}</span>
                {result.neighbourhood.borough ? `, ${result.neighbourhood.borough}` : ""}
              </span>
            </p>
          ) : (
            <p className="text-sm text-slate-500">Once saved, you&apos;ll see what students see here.</p>
          )}
          {regions.data && result.publicLocation && (
            <RegionMap
              boroughs={regions.data}
              selected={new Set(result.neighbourhood ? [result.neighbourhood.id] : [])}
              marker={result.publicLocation}
              label="Map of your approximate public location"
            />
          )}
        </div>
      </form>
    </Card>
  );
}
