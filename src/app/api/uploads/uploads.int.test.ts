import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { authSecret, env } from "~/server/config/env";
import { STORED_NAME } from "~/server/integrations/storage";
import type { UserRow } from "~/server/repositories/users";
import type * as RuntimeModule from "~/server/runtime";
import { callerFor, sessionFor, createTestRuntime, createTestUser, type TestRuntime } from "~/test/harness";

// The real route handlers, with the test runtime injected where they would open the process's runtime, and
// uploads written to a private temporary directory (env is read at import, after this hoisted block).
const injected = vi.hoisted(() => {
  process.env.UPLOAD_DIR = `${process.env.TMPDIR ?? "/tmp"}/ii-uploads-test-${Date.now()}-${process.pid}`;
  const state: { rt: unknown } = { rt: undefined };
  return state;
});
vi.mock("~/server/runtime", async (importOriginal) => ({
  ...(await importOriginal<typeof RuntimeModule>()),
  getRuntime: async () => injected.rt,
}));
const photoRoute = await import("~/app/api/uploads/photo/route");
const fileRoute = await import("~/app/api/uploads/[file]/route");

let rt: TestRuntime;
let instructor: UserRow;
let student: UserRow;
beforeAll(async () => {
  rt = await createTestRuntime();
  injected.rt = rt;
  instructor = await createTestUser(rt, { role: "instructor" });
  student = await createTestUser(rt, { role: "student" });
});
afterAll(async () => {
  await rt?.close();
  await rm(env.UPLOAD_DIR, { recursive: true, force: true });
});

/** A real 1×1 PNG. */
const PNG = new Uint8Array(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  ),
);

async function sessionCookie(u: UserRow): Promise<string> {
  const { sid } = await sessionFor(rt, u);
  const token = await encode({ token: { sub: u.id, sv: u.sessionVersion, role: u.role, sid }, secret: authSecret() });
  return `next-auth.session-token=${token}`;
}

async function upload(
  user: UserRow | null,
  bytes: Uint8Array,
  opts: { filename?: string; type?: string; headers?: Record<string, string> } = {},
) {
  const form = new FormData();
  form.append(
    "file",
    new File([bytes as Uint8Array<ArrayBuffer>], opts.filename ?? "me.png", { type: opts.type ?? "image/png" }),
  );
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (user) headers.cookie = await sessionCookie(user);
  return photoRoute.POST(
    new NextRequest("http://localhost:3000/api/uploads/photo", { method: "POST", body: form, headers }),
  );
}

const serve = (file: string) =>
  fileRoute.GET(new NextRequest(`http://localhost:3000/api/uploads/${encodeURIComponent(file)}`), {
    params: Promise.resolve({ file }),
  });

describe("POST /api/uploads/photo", () => {
  it("accepts a PNG from an instructor, sets it on the profile and serves it back byte-identical", async () => {
    const res = await upload(instructor, PNG);
    expect(res.status).toBe(201);
    const { photoUrl } = (await res.json()) as { photoUrl: string };
    expect(photoUrl).toMatch(/^\/api\/uploads\/[0-9A-HJKMNP-TV-Z]{26}\.png$/);
    expect((await (await callerFor(rt, instructor)).instructor.myProfile()).photoUrl).toBe(photoUrl);

    const name = photoUrl.split("/").pop()!;
    const got = await serve(name);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe("image/png");
    expect(got.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(got.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(PNG);

    // A replacement photo removes the previous file.
    const again = await upload(instructor, PNG, { filename: "new.png" });
    expect(again.status).toBe(201);
    expect((await serve(name)).status).toBe(404);
  });

  it("stores a WebP or JPEG under the type its bytes show, whatever the file name says", async () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
    const res = await upload(instructor, jpeg, { filename: "photo.png", type: "image/png" });
    expect(res.status).toBe(201);
    const { photoUrl } = (await res.json()) as { photoUrl: string };
    expect(photoUrl.endsWith(".jpg")).toBe(true);
    expect((await serve(photoUrl.split("/").pop()!)).headers.get("content-type")).toBe("image/jpeg");
  });

  it("rejects a text file renamed .png with 400 and leaves the photo alone", async () => {
    const before = (await (await callerFor(rt, instructor)).instructor.myProfile()).photoUrl;
    const res = await upload(instructor, new TextEncoder().encode("definitely not an image"), {
      filename: "evil.png",
      type: "image/png",
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fieldErrors: Record<string, string[]> } };
    expect(body.error.code).toBe("BAD_REQUEST");
    expect(body.error.fieldErrors).toEqual({ file: ["Not a JPEG, PNG or WebP image"] });
    expect((await (await callerFor(rt, instructor)).instructor.myProfile()).photoUrl).toBe(before);
  });

  it("rejects files over the size limit with 413 (just over: by the service; far over: before reading it all)", async () => {
    const justOver = new Uint8Array(env.UPLOAD_MAX_BYTES + 1);
    justOver.set(PNG);
    const res = await upload(instructor, justOver);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/at most 5 MB/);
    const farOver = new Uint8Array(env.UPLOAD_MAX_BYTES + 200 * 1024);
    farOver.set(PNG);
    expect((await upload(instructor, farOver)).status).toBe(413);
    // Exactly at the limit is fine.
    const atLimit = new Uint8Array(env.UPLOAD_MAX_BYTES);
    atLimit.set(PNG);
    expect((await upload(instructor, atLimit)).status).toBe(201);
  });

  it("refuses students (403), signed-out callers (401), cross-site posts (403) and a missing file (400)", async () => {
    expect((await upload(student, PNG)).status).toBe(403);
    expect((await upload(null, PNG)).status).toBe(401);
    expect((await upload(instructor, PNG, { headers: { origin: "https://evil.example" } })).status).toBe(403);
    const empty = await photoRoute.POST(
      new NextRequest("http://localhost:3000/api/uploads/photo", {
        method: "POST",
        body: new FormData(),
        headers: { cookie: await sessionCookie(instructor) },
      }),
    );
    expect(empty.status).toBe(400);
  });

  it("limits uploads to 10 an hour per user, with Retry-After", async () => {
    const busy = await createTestUser(rt, { role: "instructor" });
    const junk = new TextEncoder().encode("nope");
    for (let i = 0; i < 10; i++) expect((await upload(busy, junk)).status).toBe(400);
    const limited = await upload(busy, PNG);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(3000);
    // Another instructor is unaffected.
    expect((await upload(await createTestUser(rt, { role: "instructor" }), PNG)).status).toBe(201);
  });
});

describe("GET /api/uploads/[file]", () => {
  it("serves only generated names: traversal and unknown names are 404", async () => {
    expect(STORED_NAME.test("01ARZ3NDEKTSV4RRFFQ69G5FAV.png")).toBe(true); // well-formed, but never stored
    for (const name of [
      "../package.json",
      "..%2F..%2Fetc%2Fpasswd",
      "/etc/passwd",
      ".env",
      "01ARZ3NDEKTSV4RRFFQ69G5FAV.svg",
      "01ARZ3NDEKTSV4RRFFQ69G5FAV.png",
    ]) {
      const res = await serve(name);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
    }
  });
});
