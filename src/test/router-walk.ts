/**
 * Walks the app router dynamically (every procedure of every router, including ones added later) for the generic
 * suites: fuzz, IDOR and output schemas. Reads tRPC 11's procedure definitions: `_def.type`, `_def.inputs`
 * (zod schemas, merged in order) and `_def.output`.
 */
import type { ZodType } from "zod";
import { appRouter } from "~/server/api/root";

export type ProcedureInfo = {
  /** "booking.get" */
  path: string;
  type: "query" | "mutation" | "subscription";
  /** The input schema (the last `.input()` wins for our routers: none chain two), or null for no input. */
  input: ZodType | null;
  output: ZodType | null;
};

type ProcedureDef = { _def: { type: ProcedureInfo["type"]; inputs: unknown[]; output?: unknown } };

/** Every procedure of the app router, sorted by path. */
export function listProcedures(): ProcedureInfo[] {
  const procedures = (appRouter._def as unknown as { procedures: Record<string, ProcedureDef> }).procedures;
  return Object.entries(procedures)
    .map(([path, p]) => ({
      path,
      type: p._def.type,
      input: (p._def.inputs.at(-1) as ZodType | undefined) ?? null,
      output: (p._def.output as ZodType | undefined) ?? null,
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** Calls a procedure by its dotted path on a caller built by `createCaller`. */
export function procedureOf(caller: unknown, path: string): (input: unknown) => Promise<unknown> {
  let node: unknown = caller;
  for (const part of path.split(".")) node = (node as Record<string, unknown>)[part];
  if (typeof node !== "function") throw new Error(`no procedure at ${path}`);
  return node as (input: unknown) => Promise<unknown>;
}
