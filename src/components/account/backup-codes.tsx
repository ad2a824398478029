"use client";

import { useState } from "react";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { CheckIcon, CopyIcon, DownloadIcon } from "~/components/ui/icons";

/** Freshly issued backup codes, shown once, with copy and download. */
export function BackupCodes({
  codes,
  onDone,
  doneLabel = "I've saved my codes",
}: {
  codes: string[];
  onDone: () => void;
  doneLabel?: string;
}) {
  const [copied, setCopied] = useState(false);
  const text = `InstaInstru backup codes\nEach code can be used once to sign in without your authenticator app.\n\n${codes.join("\n")}\n`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      setCopied(true);
      setTimeout(() => setCopied(false), 2500);
    } catch {
      setCopied(false);
    }
  }

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "instainstru-backup-codes.txt";
    a.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className="space-y-4">
      <Alert tone="warning" title="Save your backup codes now">
        You won&apos;t see them again. If you lose your phone, each code lets you sign in once.
      </Alert>
      <ul
        aria-label="Backup codes"
        className="grid grid-cols-2 gap-2 rounded-xl border border-slate-200 bg-slate-50 p-4 font-mono text-sm text-slate-900 sm:grid-cols-2"
      >
        {codes.map((c) => (
          <li key={c} className="rounded-md bg-white px-3 py-2 text-center tracking-wider ring-1 ring-slate-200">
            {c}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" size="sm" onClick={() => void copy()}>
          {copied ? <CheckIcon className="size-4 text-emerald-600" /> : <CopyIcon className="size-4" />}
          {copied ? "Copied" : "Copy codes"}
        </Button>
        <Button variant="outline" size="sm" onClick={download}>
          <DownloadIcon className="size-4" /> Download .txt
        </Button>
        <Button size="sm" className="sm:ml-auto" onClick={onDone}>
          {doneLabel}
        </Button>
      </div>
      <p role="status" className="sr-only">
        {copied ? "Backup codes copied to the clipboard." : ""}
      </p>
    </div>
  );
}
