"use client";

import "./globals.css";

/** Last-resort boundary (errors in the root layout itself): no shell, just a way back. */
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="flex min-h-dvh items-center justify-center px-4 text-center">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">InstaInstru is having trouble</h1>
          <p className="mt-3 text-slate-600">Please try again in a moment.</p>
          <button
            type="button"
            onClick={() => retry()}
            className="mt-6 rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-700"
          >
            Try again
          </button>
        </div>
      </body>
    </html>
  );
}
