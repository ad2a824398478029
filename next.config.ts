import type { NextConfig } from "next";
// Validate the environment at build and start: a bad env fails here, not on the first request.
import "./src/server/config/env";

const config: NextConfig = {
  reactStrictMode: true,
  // `npm test` typechecks the whole project before the e2e build; the build need not do it again.
  typescript: { ignoreBuildErrors: process.env.NEXT_BUILD_SKIP_TYPECHECK === "1" },
  poweredByHeader: false,
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-pgvector",
    "@node-rs/argon2",
    "postgres",
    "ioredis",
    "twilio",
    "rate-limiter-flexible",
  ],
  async headers() {
    return [
      {
        source: "/(.*)",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default config;
