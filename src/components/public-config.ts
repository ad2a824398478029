/**
 * Public (browser-visible) configuration. The one place client code reads `process.env`: Next.js inlines
 * `NEXT_PUBLIC_*` values at build time, so each must be written out literally.
 */
export const publicConfig = {
  /** Cloudflare Turnstile site key; empty means the local "I'm not a robot" widget (embedded default, offline). */
  turnstileSiteKey: process.env.NEXT_PUBLIC_TURNSTILE_SITE_KEY ?? "",
} as const;
