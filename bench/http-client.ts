/** Minimal HTTP client for benches: tRPC calls (superjson wire format) and next-auth sign-in. */
export type Session = { cookie: string; ip: string };

export async function trpcMutation<T>(
  base: string,
  path: string,
  input: unknown,
  session?: Session,
): Promise<{ status: number; body: { result?: { data: { json: T } }; error?: { json: { data: { code: string } } } } }> {
  const res = await fetch(`${base}/api/trpc/${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(session ? { cookie: session.cookie, "x-forwarded-for": session.ip } : {}),
    },
    body: JSON.stringify({ json: input }),
  });
  return { status: res.status, body: (await res.json()) as never };
}

/** Signs in through auth.login → ticket → next-auth credentials callback; returns the session cookie. */
export async function signIn(base: string, email: string, password: string, ip: string): Promise<Session> {
  const login = await fetch(`${base}/api/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify({ json: { email, password } }),
  });
  const ticket = ((await login.json()) as { result: { data: { json: { ticket: string } } } }).result.data.json.ticket;
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const cb = await fetch(`${base}/api/auth/callback/ticket`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, "x-forwarded-for": ip },
    body: new URLSearchParams({ csrfToken, ticket, json: "true" }),
  });
  const session = cb.headers.getSetCookie().find((c) => c.includes("session-token"));
  if (!session) throw new Error(`sign-in failed for ${email}: ${cb.status}`);
  return { cookie: session.split(";")[0]!, ip };
}

/** Starts `next start` on a port with the given env and waits for /api/health. */
export async function startServer(port: number, env: Record<string, string>) {
  const { spawn } = await import("node:child_process");
  const server = spawn("npx", ["next", "start", "-p", String(port)], {
    env: {
      ...process.env,
      INSTAINSTRU_ALLOW_EMBEDDED: "1",
      NEXTAUTH_URL: `http://localhost:${port}`,
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: "ignore",
    // Own process group: killing npx alone would leave the next server child running on the port.
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
  };
  const base = `http://localhost:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { base, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  stop();
  throw new Error("server did not start");
}
