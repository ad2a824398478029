/**
 * IANA time zones for selects. Computed on the server and passed to client forms, so server and browser
 * render the same list (ICU versions differ); a zone missing from the list (an alias such as
 * "Asia/Calcutta") is appended by the select itself.
 */
export function listTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return zones.includes("UTC") ? zones : [...zones, "UTC"];
}

/** "America/Argentina/Buenos_Aires" → "America — Argentina / Buenos Aires". */
export function timeZoneLabel(zone: string): string {
  const parts = zone.split("/").map((p) => p.replaceAll("_", " "));
  if (parts.length === 1) return parts[0] ?? zone;
  return `${parts[0]} — ${parts.slice(1).join(" / ")}`;
}
