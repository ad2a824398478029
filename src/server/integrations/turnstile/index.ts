/** CAPTCHA verification port: Cloudflare Turnstile's siteverify, or a local verifier for the embedded default. */
export type CaptchaVerifier = {
  readonly kind: "turnstile" | "local";
  verify(token: string, remoteIp?: string): Promise<{ success: boolean; errorCodes: string[] }>;
};

/** Cloudflare's documented dummy token: what the test site keys produce, and what the local widget sends. */
export const TURNSTILE_DUMMY_TOKEN = "XXXX.DUMMY.TOKEN.XXXX";
export const TURNSTILE_VERIFY_TIMEOUT_MS = 5_000;

/** Real adapter: POSTs to Cloudflare's siteverify endpoint (base URL configurable so tests use a local stand-in). */
export function createTurnstileVerifier(opts: {
  secretKey: string;
  verifyUrl: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}): CaptchaVerifier {
  const doFetch = opts.fetchImpl ?? fetch;
  return {
    kind: "turnstile",
    async verify(token, remoteIp) {
      const body = new URLSearchParams({ secret: opts.secretKey, response: token });
      if (remoteIp) body.set("remoteip", remoteIp);
      try {
        const res = await doFetch(opts.verifyUrl, {
          method: "POST",
          body,
          signal: AbortSignal.timeout(opts.timeoutMs ?? TURNSTILE_VERIFY_TIMEOUT_MS),
        });
        if (!res.ok) return { success: false, errorCodes: [`http-${res.status}`] };
        const json = (await res.json()) as { success?: boolean; "error-codes"?: string[] };
        return { success: json.success === true, errorCodes: json["error-codes"] ?? [] };
      } catch {
        // Fail closed: an unreachable verifier never waves a login through.
        return { success: false, errorCodes: ["verifier-unavailable"] };
      }
    },
  };
}

/** Local adapter, like Cloudflare's "always passes" test secret: accepts the dummy token only. */
export function createLocalCaptchaVerifier(): CaptchaVerifier {
  return {
    kind: "local",
    async verify(token) {
      return token === TURNSTILE_DUMMY_TOKEN
        ? { success: true, errorCodes: [] }
        : { success: false, errorCodes: ["invalid-input-response"] };
    },
  };
}
