/**
 * Where to go after signing in. Only same-site paths are accepted ("/x", not "//evil.com" or "https://…"),
 * so a crafted link cannot bounce a fresh session to another site (open redirect).
 */
export function safeCallbackUrl(raw: string | null | undefined, fallback = "/"): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  if (raw.startsWith("/sign-in") || raw.startsWith("/sign-up") || raw.startsWith("/api/")) return fallback;
  return raw;
}
