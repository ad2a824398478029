import { getMe } from "~/components/shell/current-user";
import { ResendVerificationButton } from "./resend-verification";

/** Signed-in, unverified accounts see this on every page: they can browse and message, but not book. */
export async function VerifyEmailBanner() {
  const me = await getMe();
  if (!me || me.emailVerified) return null;
  return (
    <div role="region" aria-label="Verification reminder" className="border-b border-amber-200 bg-amber-50">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-3 text-sm text-amber-900 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p>
          <span className="font-semibold">Confirm your email to book lessons.</span> We sent a link to{" "}
          <span className="font-medium break-all">{me.email}</span>.
        </p>
        <ResendVerificationButton />
      </div>
    </div>
  );
}
