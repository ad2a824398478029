import { contentTypeOfName, createFileStorage } from "~/server/integrations/storage";
import { errorResponse, responseForError } from "../http";

export const dynamic = "force-dynamic";

/**
 * GET a stored upload. Only generated names (ULID + extension) are looked up, so no path can escape the
 * storage root. Names are never reused, so responses are cacheable forever.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  if (!contentTypeOfName(file)) return errorResponse(404, "Not found.");
  try {
    const stored = await createFileStorage().get(file);
    if (!stored) return errorResponse(404, "Not found.");
    return new Response(stored.bytes as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: {
        "Content-Type": stored.contentType,
        "Content-Length": String(stored.bytes.byteLength),
        "Cache-Control": "public, max-age=31536000, immutable",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
      },
    });
  } catch (e) {
    return responseForError(e);
  }
}
