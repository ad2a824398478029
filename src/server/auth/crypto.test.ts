import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, hmac, randomDigits, randomToken, safeEqual, sha256 } from "./crypto";

const SECRET = "unit-test-secret";

describe("encryptSecret / decryptSecret (AES-256-GCM)", () => {
  it("round-trips and uses a fresh IV each time", () => {
    const plain = "JBSWY3DPEHPK3PXP";
    const a = encryptSecret(SECRET, plain);
    const b = encryptSecret(SECRET, plain);
    expect(a).not.toBe(b);
    expect(a).not.toContain(plain);
    expect(a.split(".")).toHaveLength(3);
    expect(decryptSecret(SECRET, a)).toBe(plain);
    expect(decryptSecret(SECRET, b)).toBe(plain);
  });

  it("round-trips unicode and empty strings", () => {
    expect(decryptSecret(SECRET, encryptSecret(SECRET, "ключ ✓"))).toBe("ключ ✓");
    expect(decryptSecret(SECRET, encryptSecret(SECRET, "x"))).toBe("x");
  });

  it("detects a tampered ciphertext, tag or IV", () => {
    const sealed = encryptSecret(SECRET, "JBSWY3DPEHPK3PXP");
    const [iv, tag, enc] = sealed.split(".") as [string, string, string];
    const flip = (part: string) => {
      const buf = Buffer.from(part, "base64url");
      buf[0] = buf[0]! ^ 0x01;
      return buf.toString("base64url");
    };
    expect(() => decryptSecret(SECRET, [iv, tag, flip(enc)].join("."))).toThrow();
    expect(() => decryptSecret(SECRET, [iv, flip(tag), enc].join("."))).toThrow();
    expect(() => decryptSecret(SECRET, [flip(iv), tag, enc].join("."))).toThrow();
  });

  it("refuses another key and malformed input", () => {
    const sealed = encryptSecret(SECRET, "JBSWY3DPEHPK3PXP");
    expect(() => decryptSecret("another-secret", sealed)).toThrow();
    expect(() => decryptSecret(SECRET, "not-sealed")).toThrow(/Malformed/);
    expect(() => decryptSecret(SECRET, "a.b")).toThrow(/Malformed/);
  });
});

describe("random values and hashes", () => {
  it("randomDigits returns exactly n decimal digits, leading zeros included", () => {
    for (const n of [1, 6, 12]) {
      const d = randomDigits(n);
      expect(d).toHaveLength(n);
      expect(d).toMatch(/^\d+$/);
    }
    // Every digit shows up (cryptographic RNG over 0–9, not a truncated number).
    const seen = new Set(Array.from({ length: 200 }, () => randomDigits(6)).join(""));
    expect([...seen].sort().join("")).toBe("0123456789");
    expect(new Set(Array.from({ length: 50 }, () => randomDigits(6))).size).toBeGreaterThan(45);
  });

  it("randomToken is base64url of the requested size and unique", () => {
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken(8)).toMatch(/^[A-Za-z0-9_-]{11}$/);
    expect(randomToken()).not.toBe(randomToken());
  });

  it("sha256 and hmac are deterministic hex; hmac depends on the key", () => {
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hmac("k", "203.0.113.7")).toMatch(/^[0-9a-f]{32}$/);
    expect(hmac("k", "203.0.113.7")).toBe(hmac("k", "203.0.113.7"));
    expect(hmac("k2", "203.0.113.7")).not.toBe(hmac("k", "203.0.113.7"));
  });

  it("safeEqual compares exactly, including different lengths", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abd")).toBe(false);
    expect(safeEqual("abc", "abcd")).toBe(false);
    expect(safeEqual("", "")).toBe(true);
  });
});
