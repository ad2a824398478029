import { generateSecret, generateURI, verify } from "otplib";

export const TOTP_ISSUER = "InstaInstru";
export const TOTP_PERIOD_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, accountEmail: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: accountEmail, secret });
}

/**
 * Checks a 6-digit code, allowing one step of clock drift either way. Returns the matched time step so the
 * caller can refuse its reuse (replay protection); null when the code is wrong.
 * Note: otplib v13's verify() returns an object — never test it for truthiness.
 */
export async function verifyTotp(
  secret: string,
  token: string,
  afterTimeStep?: number,
  now = Date.now(),
): Promise<number | null> {
  if (!/^\d{6}$/.test(token)) return null;
  // Every step in the window is already spent (e.g. recorded by a server whose clock runs ahead);
  // otplib would throw here rather than answer "no".
  if (afterTimeStep !== undefined && afterTimeStep >= Math.floor(now / 1000 / TOTP_PERIOD_SECONDS) + 1) return null;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now / 1000),
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(afterTimeStep === undefined ? {} : { afterTimeStep }),
  });
  if (!result.valid) return null;
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS) + ("delta" in result ? result.delta : 0);
}
