import { env } from "~/server/config/env";
import { isCrossSiteWrite, sessionFromRequest } from "~/server/api/http";
import { getRuntime } from "~/server/runtime";
import { errorResponse, readBodyCapped, responseForError } from "../http";

export const dynamic = "force-dynamic";

/** Room for the multipart boundaries and part headers around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 16 * 1024;

/**
 * POST multipart/form-data with the image in the field `file` → 201 `{ photoUrl }`.
 * Signed-in instructors only; size, type (by magic bytes) and rate limit are the service's rules.
 */
export async function POST(req: Request): Promise<Response> {
  if (isCrossSiteWrite(req)) return errorResponse(403, "Cross-site request refused.");
  try {
    const services = (await getRuntime()).services;
    const actor = await services.session.resolveActor(await sessionFromRequest(req));
    if (!actor) return errorResponse(401, "Please sign in.");

    const cap = env.UPLOAD_MAX_BYTES + MULTIPART_OVERHEAD_BYTES;
    const tooLarge = () =>
      errorResponse(413, `Photos can be at most ${Math.floor(env.UPLOAD_MAX_BYTES / (1024 * 1024))} MB.`);
    if (Number(req.headers.get("content-length") ?? 0) > cap) return tooLarge();
    const body = await readBodyCapped(req, cap);
    if (!body) return tooLarge();

    let file: FormDataEntryValue | null;
    try {
      const form = await new Response(body, {
        headers: { "content-type": req.headers.get("content-type") ?? "" },
      }).formData();
      file = form.get("file");
    } catch {
      return errorResponse(400, "Send the photo as multipart/form-data.");
    }
    if (!(file instanceof Blob))
      return errorResponse(400, 'Attach the photo in the form field "file".', { fieldErrors: { file: ["Required"] } });

    const result = await services.instructors.setPhoto(actor, { bytes: new Uint8Array(await file.arrayBuffer()) });
    return Response.json(result, { status: 201 });
  } catch (e) {
    return responseForError(e);
  }
}
