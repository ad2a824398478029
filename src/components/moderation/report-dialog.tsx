"use client";

import { useState } from "react";
import { toApiError } from "~/components/forms/api-error";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Dialog } from "~/components/ui/dialog";
import { TextAreaField } from "~/components/ui/textarea-field";

/** Longest report reason (the server's limit). */
export const REPORT_REASON_MAX = 500;

/** Asks why something is being reported and sends it; says thanks when done. */
export function ReportDialog({
  open,
  onClose,
  title,
  description,
  submit,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description: string;
  submit: (reason: string) => Promise<unknown>;
}) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);

  function close() {
    onClose();
    setReason("");
    setError(null);
    setSent(false);
  }

  async function send() {
    const text = reason.trim();
    if (!text) return setError("Tell us briefly what is wrong.");
    setSending(true);
    setError(null);
    try {
      await submit(text);
      setSent(true);
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setSending(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={title}
      size="sm"
      description={sent ? undefined : description}
      footer={
        sent ? (
          <Button onClick={close}>Close</Button>
        ) : (
          <>
            <Button variant="ghost" onClick={close}>
              Cancel
            </Button>
            <Button variant="danger" loading={sending} onClick={() => void send()}>
              Send report
            </Button>
          </>
        )
      }
    >
      {sent ? (
        <Alert tone="success">Thanks — a moderator will look at it.</Alert>
      ) : (
        <TextAreaField
          label="Reason"
          value={reason}
          maxLength={REPORT_REASON_MAX}
          showCount
          rows={3}
          error={error}
          onChange={(e) => setReason(e.target.value)}
        />
      )}
    </Dialog>
  );
}
