import path from "node:path";
import { pathToFileURL } from "node:url";
import { ESLint, type Linter } from "eslint";
import tseslint from "typescript-eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The architecture rules in eslint.config.mjs, proved on deliberate bad code: each snippet is linted as if it
 * lived at the given path, with the project's own boundary and date rules (not copies of them).
 */
const root = path.resolve(import.meta.dirname, "../..");
let eslint: ESLint;

beforeAll(async () => {
  const mod = (await import(pathToFileURL(path.join(root, "eslint.config.mjs")).href)) as unknown as {
    default: Linter.Config[];
  };
  const architecture = mod.default.filter(
    (c) => c.rules && ("@typescript-eslint/no-restricted-imports" in c.rules || "no-restricted-syntax" in c.rules),
  );
  expect(architecture.length).toBeGreaterThanOrEqual(5);
  eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ["**/*.ts", "**/*.tsx"],
        languageOptions: { parser: tseslint.parser },
        plugins: { "@typescript-eslint": tseslint.plugin },
      },
      ...architecture,
    ],
  });
});

async function lint(file: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((m) => `${m.ruleId ?? "fatal"}: ${m.message}`);
}

const IMPORTS = "@typescript-eslint/no-restricted-imports";

describe("layer boundaries", () => {
  it("routers never import repositories, the database client or drizzle", async () => {
    const file = "src/server/api/routers/bad.ts";
    expect(await lint(file, `import { createUserRepository } from "~/server/repositories/users";\n`)).toEqual([
      expect.stringContaining(`${IMPORTS}: '~/server/repositories/users' import is restricted`),
    ]);
    expect(await lint(file, `import { sql } from "drizzle-orm";\n`)).toEqual([
      expect.stringMatching(/^@typescript-eslint\/no-restricted-imports: .*SQL lives in repositories/),
    ]);
    expect(await lint(file, `import { db } from "~/server/db/client";\n`)).toHaveLength(1);
    expect(await lint(file, `import { runTransaction } from "~/server/db/transaction";\n`)).toHaveLength(1);
    // Naming a type is not a dependency on the layer.
    expect(await lint(file, `import type { UserRepository } from "~/server/repositories/users";\n`)).toEqual([]);
  });

  it("services never import the database client or raw sql; the composition root may build repositories", async () => {
    const file = "src/server/services/booking/bad.ts";
    expect(await lint(file, `import { sql } from "drizzle-orm";\n`)).toHaveLength(1);
    expect(await lint(file, `import { openDatabase } from "~/server/db/client";\n`)).toHaveLength(1);
    expect(await lint(file, `import type { Database } from "~/server/db/client";\n`)).toEqual([]);
    expect(
      await lint(
        "src/server/services/index.ts",
        `import { createUserRepository } from "~/server/repositories/users";\n`,
      ),
    ).toEqual([]);
  });

  it("components reach the server only through tRPC (types excepted)", async () => {
    const file = "src/components/booking/bad.tsx";
    expect(await lint(file, `import { createServices } from "~/server/services";\n`)).toEqual([
      expect.stringMatching(/only type imports from src\/server/),
    ]);
    expect(await lint(file, `import type { MessageView } from "~/server/services/messaging/types";\n`)).toEqual([]);
    expect(await lint(file, `import postgres from "postgres";\n`)).toHaveLength(1);
  });

  it("src never imports the top-level inngest/ folder, while the inngest SDK stays allowed", async () => {
    expect(
      await lint("src/server/events/bad.ts", `import type { FunctionSpec } from "../../../inngest/define";\n`),
    ).toEqual([expect.stringMatching(/job types live in src\/server\/events/)]);
    expect(await lint("src/server/api/routers/bad.ts", `import { x } from "../../../../inngest";\n`)).toHaveLength(1);
    expect(await lint("src/server/events/ok.ts", `import { serve } from "inngest/next";\n`)).toEqual([]);
  });
});

describe("zone-less dates in server code", () => {
  it("refuses local-zone getters and toLocale*String without a timeZone", async () => {
    const file = "src/server/services/booking/bad.ts";
    expect(await lint(file, `export const d = new Date().getDay();\n`)).toEqual([
      expect.stringMatching(/^no-restricted-syntax: Zone-less date math/),
    ]);
    expect(await lint(file, `export const s = new Date().toLocaleDateString("en-US");\n`)).toEqual([
      expect.stringMatching(/^no-restricted-syntax: toLocale\*String without a timeZone/),
    ]);
    expect(
      await lint(file, `export const s = new Date().toLocaleDateString("en-US", { timeZone: "Europe/Paris" });\n`),
    ).toEqual([]);
    expect(await lint(file, `export const d = new Date().getUTCDay();\n`)).toEqual([]);
  });

  it("leaves browser code alone (the viewer's zone is the right one there)", async () => {
    expect(await lint("src/components/time/ok.tsx", `export const d = new Date().getDay();\n`)).toEqual([]);
  });
});
