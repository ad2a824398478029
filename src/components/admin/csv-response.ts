import { TRPCError } from "@trpc/server";

const STATUS: Partial<Record<TRPCError["code"], number>> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  TOO_MANY_REQUESTS: 429,
};

/**
 * Answers a CSV export route: the file as an attachment (never cached), or the refusal as plain text with the
 * matching status (signed out 401, not an admin with 2FA 403, bad filters 400).
 */
export async function csvResponse(run: () => Promise<{ filename: string; csv: string; truncated: boolean }>) {
  try {
    const { filename, csv, truncated } = await run();
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "private, no-store",
        "X-Export-Truncated": truncated ? "1" : "0",
      },
    });
  } catch (e) {
    if (e instanceof TRPCError && STATUS[e.code])
      return new Response(e.message, {
        status: STATUS[e.code],
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      });
    throw e;
  }
}

/** A route's query string as a plain record (first values, empty ones dropped). */
export function queryOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(req.url).searchParams) if (v !== "" && !(k in out)) out[k] = v;
  return out;
}
