import { z } from "zod";
import { sessionFromRequest } from "~/server/api/http";
import { getRuntime } from "~/server/runtime";
import { errorResponse, responseForError } from "../../../uploads/http";

export const dynamic = "force-dynamic";

const ZQuery = z.object({
  expires: z.coerce.number().int().positive(),
  sig: z.string().regex(/^[A-Za-z0-9_=+/-]{16,128}$/),
});

/**
 * GET /api/account/export/<id>?expires=…&sig=… → the GDPR archive as a JSON attachment, once, for its signed-in
 * owner (PRODUCT.md §1). The signature binds the export, its owner and the expiry.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const url = new URL(req.url);
    const query = ZQuery.safeParse({ expires: url.searchParams.get("expires"), sig: url.searchParams.get("sig") });
    if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(id) || !query.success)
      return errorResponse(404, "This download link is not valid.");
    const services = (await getRuntime()).services;
    const actor = await services.session.resolveActor(await sessionFromRequest(req));
    if (!actor) return errorResponse(401, "Please sign in to download your data.");
    const file = await services.privacy.downloadExport(actor.userId, { exportId: id, ...query.data });
    return new Response(file.json, {
      status: 200,
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    return responseForError(e);
  }
}
