import js from "@eslint/js";
import tseslint from "typescript-eslint";
import drizzle from "eslint-plugin-drizzle";
import reactHooks from "eslint-plugin-react-hooks";
import nextPlugin from "@next/eslint-plugin-next";

const TEST_FILES = ["**/*.test.ts", "**/*.test.tsx", "src/test/**", "e2e/**", "bench/**", "**/__fixtures__/**"];

/**
 * Architecture boundaries (ARCHITECTURE.md "Layers"): each entry is one layer's forbidden imports.
 * Type-only imports stay allowed (a component may name a router's output type; a service may name `Database`).
 * `src/test/lint-boundaries.test.ts` lints deliberate bad imports and expects each of these to fire.
 */
const DB_DRIVERS = [
  { name: "drizzle-orm", message: "SQL lives in repositories (src/server/repositories)." },
  { name: "postgres", message: "The database client is built once in src/server/db/client.ts." },
  { name: "@electric-sql/pglite", message: "The database client is built once in src/server/db/client.ts." },
];
const boundary = (files, { paths = [], patterns = [] }) => ({
  files,
  ignores: TEST_FILES,
  rules: { "@typescript-eslint/no-restricted-imports": ["error", { paths, patterns }] },
});
const NO_INNGEST = {
  regex: "^(\\.\\./)+inngest(/|$)",
  message: "src never imports the top-level inngest/ folder: job types live in src/server/events.",
};

/** Zone-less date math on the server reads the process time zone: use luxon with an explicit zone, or getUTC*. */
const ZONELESS_DATES = [
  {
    selector:
      "CallExpression[callee.property.name=/^(getDay|getDate|getMonth|getFullYear|getHours|getMinutes|setDate|setMonth|setFullYear|setHours|setMinutes|getTimezoneOffset)$/]",
    message: "Zone-less date math: use luxon with an explicit zone (src/lib/time) or the getUTC*/setUTC* methods.",
  },
  {
    selector:
      "CallExpression[callee.property.name=/^toLocale(Date|Time)?String$/]:not(:has(Property[key.name='timeZone']))",
    message: "toLocale*String without a timeZone option formats in the server's zone: pass { timeZone }.",
  },
];

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data/**",
      "drizzle/**",
      "playwright-report/**",
      "test-results/**",
      "reports/**",
      ".stryker-tmp/**",
      "next-env.d.ts",
      "*.mjs",
      "src/test/lint-fixtures/**",
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/only-throw-error": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
    },
  },
  {
    files: ["src/app/**", "src/components/**", "src/trpc/**", "src/**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "@next/next": nextPlugin },
    rules: {
      ...reactHooks.configs["recommended-latest"].rules,
      "react-hooks/exhaustive-deps": "error",
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
      // Every <img> here shows a blob preview, a data: QR code or an upload already sized by our own route:
      // next/image's optimizer would add a round trip and nothing else.
      "@next/next/no-img-element": "off",
    },
    settings: { next: { rootDir: import.meta.dirname } },
  },
  {
    // Tests and fixtures assert on loosely typed payloads (error shapes, JSON bodies, raw rows).
    files: TEST_FILES,
    rules: {
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  // Later entries override earlier ones for the same files: the general rule first, then each layer's.
  boundary(["src/server/**", "src/lib/**", "src/instrumentation.ts"], {
    patterns: [NO_INNGEST],
  }),
  boundary(["src/server/api/**"], {
    paths: [
      ...DB_DRIVERS,
      {
        name: "~/server/db/client",
        message: "Routers call services; services own the database.",
        allowTypeImports: true,
      },
      { name: "~/server/db/transaction", message: "Transactions are a service concern." },
    ],
    patterns: [
      {
        group: ["~/server/repositories/*"],
        message: "Routers call services, never repositories.",
        allowTypeImports: true,
      },
      NO_INNGEST,
    ],
  }),
  boundary(["src/server/services/**"], {
    paths: [
      ...DB_DRIVERS,
      {
        name: "~/server/db/client",
        message: "Services get the database injected (composition root).",
        allowTypeImports: true,
      },
    ],
    patterns: [NO_INNGEST],
  }),
  {
    // The composition root is the one place that builds repositories for services.
    files: ["src/server/services/index.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": "off" },
  },
  boundary(["src/components/**"], {
    paths: DB_DRIVERS,
    patterns: [
      {
        group: ["~/server/*", "~/server/**"],
        message: "Components talk to the server through tRPC (src/trpc); only type imports from src/server.",
        allowTypeImports: true,
      },
      NO_INNGEST,
    ],
  }),
  {
    files: ["src/server/**/*.ts", "src/lib/**/*.ts", "inngest/**/*.ts"],
    ignores: TEST_FILES,
    rules: { "no-restricted-syntax": ["error", ...ZONELESS_DATES] },
  },
);
