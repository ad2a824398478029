"use client";

import { useEffect } from "react";
import { Button, ButtonLink } from "~/components/ui/button";

/** Unexpected errors in a page: a calm message, the reference to quote, and a retry. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <div className="mx-auto flex max-w-lg flex-1 flex-col items-center justify-center px-4 py-20 text-center">
      <p className="text-sm font-semibold text-brand-600">Something went wrong</p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">We couldn&apos;t load this page</h1>
      <p className="mt-3 text-slate-600">
        Please try again. If it keeps happening, contact support{digest ? " and quote the reference below" : ""}.
      </p>
      {digest && <p className="mt-2 font-mono text-xs text-slate-500">Reference: {digest}</p>}
      <div className="mt-6 flex gap-3">
        <Button onClick={() => retry()}>Try again</Button>
        <ButtonLink href="/" variant="outline">
          Go home
        </ButtonLink>
      </div>
    </div>
  );
}
