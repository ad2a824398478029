import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentTypeOfName, createLocalStorage, STORED_NAME } from "./index";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "ii-storage-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe("local file storage", () => {
  it("stores under a new ULID name, reads back byte-identical, deletes", async () => {
    const storage = createLocalStorage(dir);
    const bytes = new Uint8Array([1, 2, 3, 250]);
    const { name } = await storage.put(bytes, "image/png");
    expect(name).toMatch(STORED_NAME);
    expect(name.endsWith(".png")).toBe(true);
    expect(await storage.get(name)).toEqual({ bytes, contentType: "image/png" });
    expect(await readdir(dir)).toEqual([name]); // no temp files left behind
    await storage.delete(name);
    expect(await storage.get(name)).toBeNull();
    await storage.delete(name); // idempotent
  });

  it("never resolves a name that isn't a generated one (no path traversal)", async () => {
    const outside = path.join(dir, "..", `ii-secret-${Date.now()}.png`);
    await writeFile(outside, "secret");
    const storage = createLocalStorage(path.join(dir, "root"));
    for (const name of [
      "../" + path.basename(outside),
      "..%2F..%2Fetc%2Fpasswd",
      "/etc/passwd",
      "01ARZ3NDEKTSV4RRFFQ69G5FAV.png/../x",
      "01ARZ3NDEKTSV4RRFFQ69G5FAV.svg",
      "01arz3ndektsv4rrffq69g5fav.png",
    ]) {
      expect(await storage.get(name)).toBeNull();
      expect(contentTypeOfName(name)).toBeNull();
    }
    await rm(outside);
  });
});
