import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
  constants,
} from "node:fs";
import { randomBytes } from "node:crypto";
import { dirname } from "node:path";

/** Bytes of entropy in a generated session secret. */
export const GENERATED_SECRET_BYTES = 32;

/**
 * The embedded default's session secret: generated once from crypto on first use and kept (mode 0600) in the
 * data directory, so restarts and every process sharing that directory agree. Creation is atomic: the secret is
 * written to a private temp file, then hard-linked into place, which fails if another process got there first
 * (then that process's secret is read back). A half-written file is never visible under the final name.
 */
export function readOrCreateSecretFile(file: string): string {
  const existing = tryRead(file);
  if (existing !== null) return existing;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(GENERATED_SECRET_BYTES).toString("base64url");
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    writeSync(fd, `${secret}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, file);
    return secret;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    const winner = tryRead(file);
    if (winner === null) throw new Error(`Could not read the session secret at ${file}`);
    return winner;
  } finally {
    unlinkSync(tmp);
  }
}

function tryRead(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8").trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  if (Buffer.from(text, "base64url").length < GENERATED_SECRET_BYTES) {
    throw new Error(
      `The session secret at ${file} is malformed; delete it to generate a new one (every session ends).`,
    );
  }
  return text;
}
