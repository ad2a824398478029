import type { DefinedFunction } from "./define";

/** Every background function, for `serve()` and for local dispatch. */
export const definedFunctions: DefinedFunction[] = [];

export const functions = definedFunctions.map((d) => d.fn);
