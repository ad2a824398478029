import { env } from "~/server/config/env";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

function serialize(value: unknown): unknown {
  if (value instanceof Error)
    return { name: value.name, message: value.message, stack: value.stack, cause: serialize(value.cause) };
  return value;
}

function log(level: Level, message: string, fields: Record<string, unknown> = {}) {
  if (LEVELS[level] < LEVELS[env.LOG_LEVEL]) return;
  const entry = {
    level,
    time: new Date().toISOString(),
    message,
    ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, serialize(v)])),
  };
  (level === "error" ? console.error : console.log)(JSON.stringify(entry));
}

/** Structured JSON logs on stdout/stderr (server side only). */
export const logger = {
  debug: (m: string, f?: Record<string, unknown>) => log("debug", m, f),
  info: (m: string, f?: Record<string, unknown>) => log("info", m, f),
  warn: (m: string, f?: Record<string, unknown>) => log("warn", m, f),
  error: (m: string, f?: Record<string, unknown>) => log("error", m, f),
};
