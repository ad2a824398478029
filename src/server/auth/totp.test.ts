import { describe, expect, it } from "vitest";
import { generate } from "otplib";
import { newTotpSecret, TOTP_PERIOD_SECONDS, totpUri, verifyTotp } from "./totp";

const secret = newTotpSecret();
// A fixed instant in the middle of a time step, so ±1 step is unambiguous.
const NOW = Date.UTC(2026, 0, 15, 12, 0, 15);
const STEP = Math.floor(NOW / 1000 / TOTP_PERIOD_SECONDS);
const codeAt = (stepOffset: number) =>
  generate({ secret, epoch: Math.floor(NOW / 1000) + stepOffset * TOTP_PERIOD_SECONDS });

describe("verifyTotp", () => {
  it("accepts the current code and returns its time step", async () => {
    expect(await verifyTotp(secret, await codeAt(0), undefined, NOW)).toBe(STEP);
  });

  it("accepts one step of drift either way and reports the matched step", async () => {
    expect(await verifyTotp(secret, await codeAt(-1), undefined, NOW)).toBe(STEP - 1);
    expect(await verifyTotp(secret, await codeAt(1), undefined, NOW)).toBe(STEP + 1);
  });

  it("rejects codes two or more steps away", async () => {
    for (const offset of [-3, -2, 2, 3]) {
      const code = await codeAt(offset);
      // Skip the (1 in 10^6) case where another step's code happens to collide.
      const window = await Promise.all([-1, 0, 1].map(codeAt));
      if (window.includes(code)) continue;
      expect(await verifyTotp(secret, code, undefined, NOW)).toBeNull();
    }
  });

  it("rejects a wrong 6-digit code and anything that is not 6 digits", async () => {
    const window = new Set(await Promise.all([-1, 0, 1].map(codeAt)));
    let wrong = "000000";
    for (let i = 0; window.has(wrong); i++) wrong = String(i).padStart(6, "0");
    expect(await verifyTotp(secret, wrong, undefined, NOW)).toBeNull();
    const good = await codeAt(0);
    for (const bad of ["", "12345", "1234567", "abcdef", `${good} `, ` ${good}`, `${good.slice(0, 5)}x`, "12 345"]) {
      expect(await verifyTotp(secret, bad, undefined, NOW)).toBeNull();
    }
  });

  it("refuses a code at or before afterTimeStep (replay), accepts a later one", async () => {
    const current = await codeAt(0);
    expect(await verifyTotp(secret, current, STEP, NOW)).toBeNull();
    expect(await verifyTotp(secret, await codeAt(-1), STEP, NOW)).toBeNull();
    expect(await verifyTotp(secret, current, STEP - 1, NOW)).toBe(STEP);
    expect(await verifyTotp(secret, await codeAt(1), STEP, NOW)).toBe(STEP + 1);
  });

  it("returns null (never throws) when afterTimeStep is beyond the window", async () => {
    // A step recorded by a server whose clock runs ahead must not turn into a 500.
    expect(await verifyTotp(secret, await codeAt(0), STEP + 1, NOW)).toBeNull();
    expect(await verifyTotp(secret, await codeAt(1), STEP + 5, NOW)).toBeNull();
  });

  it("uses a different secret's codes as wrong codes", async () => {
    const other = newTotpSecret();
    const code = await generate({ secret: other, epoch: Math.floor(NOW / 1000) });
    const window = await Promise.all([-1, 0, 1].map(codeAt));
    if (!window.includes(code)) expect(await verifyTotp(secret, code, undefined, NOW)).toBeNull();
  });
});

describe("enrolment material", () => {
  it("makes base32 secrets and an otpauth URI with issuer and account", () => {
    expect(secret).toMatch(/^[A-Z2-7]{16,}=*$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = totpUri(secret, "ada@example.test");
    expect(uri.startsWith("otpauth://totp/")).toBe(true);
    const u = new URL(uri);
    expect(u.searchParams.get("secret")).toBe(secret);
    expect(u.searchParams.get("issuer")).toBe("InstaInstru");
    expect(decodeURIComponent(u.pathname)).toContain("ada@example.test");
  });
});
