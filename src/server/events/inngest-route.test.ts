import { createHmac } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { Inngest } from "inngest";
import type { NextRequest } from "next/server";
import { createInngestRoute, INNGEST_NOT_CONFIGURED } from "./inngest-route";

vi.mock("server-only", () => ({}));

const SIGNING_KEY = `signkey-test-${"ab".repeat(32)}`;
const URL_ = "http://localhost:3000/api/inngest";
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

function testRoute(mode: "cloud" | "dev") {
  const client = new Inngest({
    id: "route-test",
    isDev: mode === "dev",
    signingKey: mode === "cloud" ? SIGNING_KEY : undefined,
    eventKey: "test-event-key",
    logger: quiet,
  });
  const fn = client.createFunction({ id: "hello", triggers: [{ event: "test/hello" }] }, async ({ step }) => ({
    v: (await step.run("a", () => 41)) + 1,
  }));
  return createInngestRoute({ configured: true, client, functions: [fn] });
}

/** JSON with sorted keys: what Inngest signs (RFC 8785 canonical form, for these plain values). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

function signature(body: string, key = SIGNING_KEY) {
  const ts = String(Math.round(Date.now() / 1000));
  const s = createHmac("sha256", key.replace(/^signkey-\w+-/, ""))
    .update(body + ts)
    .digest("hex");
  return `t=${ts}&s=${s}`;
}

const req = (init: RequestInit & { path?: string } = {}) =>
  new Request(URL_ + (init.path ?? ""), init) as unknown as NextRequest;

const callBody = canonical({
  ctx: {
    attempt: 0,
    disable_immediate_execution: true,
    fn_id: "route-test-hello",
    run_id: "01JTEST",
    stack: { current: 0, stack: [] },
  },
  event: { data: {}, name: "test/hello" },
  events: [{ data: {}, name: "test/hello" }],
  steps: {},
  version: 2,
});

describe("/api/inngest", () => {
  it("answers 503 with a clear JSON error on every method when Inngest is not configured", async () => {
    const client = new Inngest({ id: "route-test", logger: quiet });
    const route = createInngestRoute({ configured: false, client, functions: [] });
    for (const handler of [route.GET, route.POST, route.PUT]) {
      const res = await handler(req({ method: "POST", body: "{}" }), {});
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: "Inngest is not configured; background functions run in-process" });
    }
  });

  it("the route module itself answers 503 in the embedded default (no Inngest env)", async () => {
    const { GET, POST } = await import("~/app/api/inngest/route");
    expect((await GET(req(), {})).status).toBe(503);
    const res = await POST(req({ method: "POST", body: "{}" }), {});
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual(INNGEST_NOT_CONFIGURED);
  }, 60_000); // imports every function module

  it("cloud mode (signing key): refuses unsigned or badly signed requests, answers signed introspection and calls", async () => {
    const route = testRoute("cloud");
    expect((await route.GET(req(), {})).status).toBe(401);
    expect(
      (
        await route.GET(
          req({ headers: { "x-inngest-signature": signature("", `signkey-test-${"cd".repeat(32)}`) } }),
          {},
        )
      ).status,
    ).toBe(401);

    const intro = await route.GET(req({ headers: { "x-inngest-signature": signature("") } }), {});
    expect(intro.status).toBe(200);
    expect(await intro.json()).toMatchObject({
      mode: "cloud",
      authentication_succeeded: true,
      function_count: 1,
      has_signing_key: true,
    });

    const call = {
      method: "POST",
      path: "?fnId=route-test-hello&stepId=step",
      body: callBody,
      headers: { "content-type": "application/json" },
    };
    expect((await route.POST(req(call), {})).status).toBe(401);
    const res = await route.POST(
      req({ ...call, headers: { ...call.headers, "x-inngest-signature": signature(callBody) } }),
      {},
    );
    // 206: the SDK reports the first step to run, as Inngest expects; the response is signed back.
    expect(res.status).toBe(206);
    expect(res.headers.get("x-inngest-signature")).toMatch(/^t=\d+&s=[0-9a-f]{64}$/);
    expect(await res.json()).toEqual([expect.objectContaining({ op: "StepPlanned", name: "a" })]);
  });

  it("dev mode (INNGEST_DEV=1): answers introspection without a signature", async () => {
    const res = await testRoute("dev").GET(req(), {});
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ mode: "dev", function_count: 1 });
  });
});
