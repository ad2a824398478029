"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toApiError } from "~/components/forms/api-error";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Dialog } from "~/components/ui/dialog";
import { SelectField, TextField } from "~/components/ui/field";
import { api } from "~/trpc/react";

type Role = "student" | "instructor" | "admin";
type Action = "suspend" | "unsuspend" | "reset2fa" | "role";

const COPY: Record<Action, { title: string; button: string; description: string; danger: boolean }> = {
  suspend: {
    title: "Suspend this account",
    button: "Suspend",
    description: "They are signed out everywhere at once and can't sign in until the suspension is lifted.",
    danger: true,
  },
  unsuspend: {
    title: "Lift the suspension",
    button: "Unsuspend",
    description: "They can sign in again. Their old sessions stay ended.",
    danger: false,
  },
  reset2fa: {
    title: "Reset two-factor authentication",
    button: "Reset 2FA",
    description: "Turns 2FA off and removes their backup codes; they are signed out everywhere.",
    danger: true,
  },
  role: {
    title: "Change role",
    button: "Change role",
    description: "Permissions follow the new role on their next request.",
    danger: false,
  },
};

/** Suspend / unsuspend, reset 2FA and change role, each confirmed with a reason (kept in the audit log). */
export function UserActions({
  user,
  isSelf,
}: {
  user: { id: string; name: string; role: Role; status: string; twoFactorEnabled: boolean };
  isSelf: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState<Action | null>(null);
  const [reason, setReason] = useState("");
  const [role, setRole] = useState<Role>(user.role);
  const [done, setDone] = useState<string | null>(null);
  const onSuccess = (msg: string) => {
    setOpen(null);
    setReason("");
    setDone(msg);
    router.refresh();
  };
  const suspend = api.admin.users.suspend.useMutation({
    onSuccess: (r) => onSuccess(`Suspended. ${r.sessionsRevoked} session(s) ended.`),
  });
  const unsuspend = api.admin.users.unsuspend.useMutation({ onSuccess: () => onSuccess("Suspension lifted.") });
  const reset = api.admin.users.resetTwoFactor.useMutation({ onSuccess: () => onSuccess("2FA reset.") });
  const changeRole = api.admin.users.changeRole.useMutation({
    onSuccess: (r) => onSuccess(`Role changed to ${r.role}.`),
  });
  const m = { suspend, unsuspend, reset2fa: reset, role: changeRole }[open ?? "suspend"];
  const error = open && m.error ? toApiError(m.error) : null;

  if (isSelf)
    return (
      <p className="text-sm text-slate-600">
        This is your own account: another admin has to suspend it, change its role or reset its 2FA.
      </p>
    );
  if (user.status === "deleted") return <p className="text-sm text-slate-600">This account has been deleted.</p>;

  const submit = () => {
    const input = { userId: user.id, reason };
    if (open === "suspend") suspend.mutate(input);
    else if (open === "unsuspend") unsuspend.mutate(input);
    else if (open === "reset2fa") reset.mutate(input);
    else if (open === "role") changeRole.mutate({ ...input, role });
  };
  const start = (a: Action) => {
    for (const x of [suspend, unsuspend, reset, changeRole]) x.reset();
    setDone(null);
    setReason("");
    setRole(user.role);
    setOpen(a);
  };

  return (
    <div>
      {done && (
        <Alert tone="success" className="mb-3">
          {done}
        </Alert>
      )}
      <div className="flex flex-wrap gap-2">
        {user.status === "suspended" ? (
          <Button variant="outline" size="sm" onClick={() => start("unsuspend")}>
            Unsuspend
          </Button>
        ) : (
          <Button variant="danger" size="sm" onClick={() => start("suspend")}>
            Suspend
          </Button>
        )}
        <Button variant="outline" size="sm" onClick={() => start("reset2fa")} disabled={!user.twoFactorEnabled}>
          Reset 2FA
        </Button>
        <Button variant="outline" size="sm" onClick={() => start("role")}>
          Change role
        </Button>
      </div>
      {open && (
        <Dialog
          open
          onClose={() => setOpen(null)}
          title={`${COPY[open].title}: ${user.name}`}
          description={COPY[open].description}
          footer={
            <>
              <Button variant="ghost" onClick={() => setOpen(null)}>
                Cancel
              </Button>
              <Button
                variant={COPY[open].danger ? "danger" : "primary"}
                loading={m.isPending}
                onClick={submit}
                disabled={reason.trim().length < 3 || (open === "role" && role === user.role)}
              >
                {COPY[open].button}
              </Button>
            </>
          }
        >
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            {open === "role" && (
              <SelectField label="New role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
                <option value="student">Student</option>
                <option value="instructor">Instructor</option>
                <option value="admin">Admin</option>
              </SelectField>
            )}
            <TextField
              label="Reason"
              hint="Kept in the audit log (at least 3 characters)."
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
              error={error?.fieldErrors.reason}
              autoFocus
            />
            {error && !error.fieldErrors.reason && <Alert tone="error">{error.message}</Alert>}
          </form>
        </Dialog>
      )}
    </div>
  );
}
