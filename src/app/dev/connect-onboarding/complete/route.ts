import { isCrossSiteWrite, sessionFromRequest } from "~/server/api/http";
import { env } from "~/server/config/env";
import { asLocalGateway } from "~/server/integrations/payments";
import { getRuntime } from "~/server/runtime";

export const dynamic = "force-dynamic";

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/**
 * POST (form) `link=<token>` from the local onboarding page: completes the local connected account's onboarding for
 * its owner and answers 303 to the link's return_url (or to its refresh_url when the link expired or was used, as
 * Stripe does). Exists only while the local gateway runs; another user's link is a 404.
 */
export async function POST(req: Request): Promise<Response> {
  if (isCrossSiteWrite(req)) return text(403, "Cross-site request refused.");
  const rt = await getRuntime();
  const local = asLocalGateway(rt.payments);
  if (!local) return text(404, "Not found.");
  const actor = await rt.services.session.resolveActor(await sessionFromRequest(req));
  if (!actor) return text(401, "Please sign in.");
  // The form carries one short field; refuse anything larger before reading it.
  if (Number(req.headers.get("content-length") ?? 4096) > 4096) return text(413, "Request too large.");
  let token: FormDataEntryValue | null = null;
  try {
    token = (await req.formData()).get("link");
  } catch {
    return text(400, "Send the link as a form field.");
  }
  if (typeof token !== "string" || token.length > 64) return text(400, "Missing link.");
  const result = await local.completeOnboarding({ token, userId: actor.userId });
  if (!result) return text(404, "Not found.");
  // The return URLs are built on APP_URL; when they point at this app, redirect by path so the browser stays on the
  // host it used (localhost vs 127.0.0.1, another port) — CSP's form-action 'self' also applies to the redirect.
  const target = new URL(result.redirectUrl);
  const location =
    target.origin === new URL(env.APP_URL).origin
      ? `${target.pathname}${target.search}${target.hash}`
      : result.redirectUrl;
  return new Response(null, { status: 303, headers: { location } });
}
