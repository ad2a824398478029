"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toApiError } from "~/components/forms/api-error";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Dialog } from "~/components/ui/dialog";
import { TextAreaField } from "~/components/ui/textarea-field";
import { api } from "~/trpc/react";

/** The admin operations a button can run (each is one audited mutation). */
export type OpsActionSpec =
  | { kind: "refund"; bookingId: string }
  | { kind: "cancel"; bookingId: string }
  | { kind: "retryPayment"; bookingId: string }
  | { kind: "retryJob"; runId: string }
  | { kind: "approve"; instructorId: string }
  | { kind: "reject"; instructorId: string }
  | { kind: "founding"; instructorId: string; founding: boolean }
  | { kind: "field"; instructorId: string; field: "headline" | "bio" | "photo"; hidden: boolean }
  | { kind: "resolve"; reportId: string; action: "hide" | "dismiss" | "warn" | "suspend" };

/**
 * A button that confirms an admin operation in a dialog (with a reason when it needs one), runs it, and refreshes
 * the server-rendered page. Errors are shown in the dialog; nothing changes until the admin confirms.
 */
export function OpsAction({
  spec,
  label,
  title,
  description,
  reason = "optional",
  variant = "outline",
  confirmLabel,
}: {
  spec: OpsActionSpec;
  label: string;
  title: string;
  description: string;
  reason?: "required" | "optional" | "none";
  variant?: "outline" | "danger" | "primary" | "ghost";
  confirmLabel?: string;
}) {
  const router = useRouter();
  const utils = api.useUtils();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function run(note: string) {
    const c = utils.client.admin;
    switch (spec.kind) {
      case "refund": {
        const r = await c.bookings.refund.mutate({ bookingId: spec.bookingId, reason: note });
        return r.outcome === "unchanged" ? "Already refunded — nothing changed." : "Refunded.";
      }
      case "cancel":
        await c.bookings.cancel.mutate({ bookingId: spec.bookingId, reason: note });
        return "Cancelled.";
      case "retryPayment": {
        const r = await c.payments.retry.mutate({ bookingId: spec.bookingId });
        return r.message ? `Retried: ${r.outcome} — ${r.message}` : `Retried: ${r.outcome}.`;
      }
      case "retryJob":
        await c.jobs.retry.mutate({ runId: spec.runId });
        return "Queued again.";
      case "approve":
      case "reject":
        await c.instructors.decide.mutate({ instructorId: spec.instructorId, decision: spec.kind, reason: note });
        return spec.kind === "approve" ? "Approved." : "Rejected.";
      case "founding":
        await c.instructors.setFounding.mutate({ instructorId: spec.instructorId, founding: spec.founding });
        return "Saved.";
      case "field":
        await c.instructors.setFieldHidden.mutate({
          instructorId: spec.instructorId,
          field: spec.field,
          hidden: spec.hidden,
          reason: note,
        });
        return spec.hidden ? "Hidden." : "Shown again.";
      case "resolve":
        await c.moderation.resolve.mutate({ reportId: spec.reportId, action: spec.action, note });
        return "Done.";
    }
  }

  async function confirm() {
    const note = text.trim();
    if (reason === "required" && !note) return setError("Give a reason (it goes to the audit log).");
    setBusy(true);
    setError(null);
    try {
      // The page shows the new state once the admin has read the outcome and closed the dialog: refreshing now
      // could unmount this very button (a refunded booking has nothing left to refund) with the outcome unread.
      setDone(await run(note));
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  }

  function close() {
    if (done) router.refresh();
    setOpen(false);
    setText("");
    setError(null);
    setDone(null);
  }

  return (
    <>
      <Button size="sm" variant={variant} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title={title}
        size="sm"
        description={done ? undefined : description}
        footer={
          done ? (
            <Button onClick={close}>Close</Button>
          ) : (
            <>
              <Button variant="ghost" onClick={close}>
                Cancel
              </Button>
              <Button
                variant={variant === "danger" ? "danger" : "primary"}
                loading={busy}
                onClick={() => void confirm()}
              >
                {confirmLabel ?? label}
              </Button>
            </>
          )
        }
      >
        {done ? (
          <Alert tone="success">{done}</Alert>
        ) : (
          <>
            {reason !== "none" && (
              <TextAreaField
                label={reason === "required" ? "Reason" : "Note (optional)"}
                value={text}
                maxLength={500}
                showCount
                rows={3}
                onChange={(e) => setText(e.target.value)}
              />
            )}
            {error && (
              <Alert tone="error" className="mt-3">
                {error}
              </Alert>
            )}
          </>
        )}
      </Dialog>
    </>
  );
}
