import path from "node:path";
import { mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { newId } from "~/lib/ids";
import { env } from "~/server/config/env";

/** Image types we accept and serve, with the extension each is stored under. */
export const STORED_TYPES = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
} as const;
export type StoredContentType = keyof typeof STORED_TYPES;
type StoredExtension = (typeof STORED_TYPES)[StoredContentType];

/**
 * Names are generated here (ULID + extension) and nothing else is ever accepted, so a caller-supplied name can
 * never reach outside the storage root ("../", absolute paths, NUL bytes all fail this pattern).
 */
export const STORED_NAME = /^[0-9A-HJKMNP-TV-Z]{26}\.(jpg|png|webp)$/;

const TYPE_OF_EXTENSION: Record<StoredExtension, StoredContentType> = {
  jpg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
};

export function contentTypeOfName(name: string): StoredContentType | null {
  const m = STORED_NAME.exec(name);
  return m ? TYPE_OF_EXTENSION[m[1] as StoredExtension] : null;
}

/** Blob storage port for user uploads. */
export type FileStorage = {
  readonly kind: "local";
  /** Stores bytes under a new name and returns it. */
  put(bytes: Uint8Array, contentType: StoredContentType): Promise<{ name: string }>;
  get(name: string): Promise<{ bytes: Uint8Array; contentType: StoredContentType } | null>;
  /** Removes a stored file; unknown names are ignored. */
  delete(name: string): Promise<void>;
};

/** Local-directory adapter: one file per upload, written atomically (temp file + rename). */
export function createLocalStorage(dir: string): FileStorage {
  const root = path.resolve(dir);
  const fileOf = (name: string) => (STORED_NAME.test(name) ? path.join(root, name) : null);
  return {
    kind: "local",
    async put(bytes, contentType) {
      const name = `${newId()}.${STORED_TYPES[contentType]}`;
      await mkdir(root, { recursive: true });
      const target = path.join(root, name);
      const temp = `${target}.${process.pid}.tmp`;
      await writeFile(temp, bytes, { flag: "wx" });
      await rename(temp, target);
      return { name };
    },
    async get(name) {
      const file = fileOf(name);
      const contentType = contentTypeOfName(name);
      if (!file || !contentType) return null;
      try {
        return { bytes: new Uint8Array(await readFile(file)), contentType };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw e;
      }
    },
    async delete(name) {
      const file = fileOf(name);
      if (!file) return;
      await unlink(file).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== "ENOENT") throw e;
      });
    },
  };
}

/** The storage this deployment uses: the local directory `UPLOAD_DIR` (an object-store adapter can slot in here). */
export function createFileStorage(): FileStorage {
  return createLocalStorage(env.UPLOAD_DIR);
}
