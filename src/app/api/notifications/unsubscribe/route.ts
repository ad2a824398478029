import { getRuntime } from "~/server/runtime";
import { ValidationError } from "~/server/errors";

export const dynamic = "force-dynamic";

/**
 * RFC 8058 one-click unsubscribe (the List-Unsubscribe-Post target of non-critical mail): a mail client POSTs
 * `List-Unsubscribe=One-Click` to the signed URL and that category's emails stop. A GET (a person or a link
 * scanner following the URL) changes nothing and lands on the preferences page with the same token.
 */
export async function POST(req: Request) {
  const token = new URL(req.url).searchParams.get("token") ?? "";
  try {
    const r = await (await getRuntime()).services.dispatch.unsubscribe(token.slice(0, 200));
    return Response.json({ unsubscribed: r.category });
  } catch (e) {
    if (e instanceof ValidationError) return Response.json({ error: "Invalid link" }, { status: 400 });
    throw e;
  }
}

export function GET(req: Request) {
  const token = new URL(req.url).searchParams.get("token") ?? "";
  return new Response(null, {
    status: 303,
    headers: { location: `/account/notifications?token=${encodeURIComponent(token.slice(0, 200))}` },
  });
}
