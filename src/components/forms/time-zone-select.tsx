"use client";

import type { ComponentProps } from "react";
import { SelectField } from "~/components/ui/field";
import { timeZoneLabel } from "./time-zones";

type Props = Omit<ComponentProps<typeof SelectField>, "children" | "value" | "onChange"> & {
  zones: string[];
  value: string;
  onChange: (zone: string) => void;
};

/** Time zone select grouped by region; always contains the current value. */
export function TimeZoneSelect({ zones, value, onChange, ...rest }: Props) {
  const all = value && !zones.includes(value) ? [value, ...zones] : zones;
  const groups = new Map<string, string[]>();
  for (const z of all) {
    const region = z.includes("/") ? (z.split("/")[0] ?? "Other") : "Other";
    groups.set(region, [...(groups.get(region) ?? []), z]);
  }
  return (
    <SelectField value={value} onChange={(e) => onChange(e.target.value)} {...rest}>
      {!value && <option value="">Choose your time zone</option>}
      {[...groups.entries()].map(([region, list]) => (
        <optgroup key={region} label={region}>
          {list.map((z) => (
            <option key={z} value={z}>
              {timeZoneLabel(z)}
            </option>
          ))}
        </optgroup>
      ))}
    </SelectField>
  );
}
