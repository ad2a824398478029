import "server-only";
import { requireUser } from "~/components/shell/current-user";
import type { Me } from "~/components/shell/types";
import { ButtonLink } from "~/components/ui/button";
import { LockIcon } from "~/components/ui/icons";

/**
 * Instructor pages: signed-out visitors go to sign in (coming back to `path`); other roles get null and the
 * page shows <NotAnInstructor />. Each page calls it (a layout neither knows the path nor re-runs on
 * client navigation — see requireUser).
 */
export async function requireInstructor(path: string): Promise<Me | null> {
  const me = await requireUser(path);
  return me.role === "instructor" ? me : null;
}

export function NotAnInstructor() {
  return (
    <div className="mx-auto flex max-w-lg flex-1 flex-col items-center justify-center px-4 py-20 text-center">
      <span className="flex size-12 items-center justify-center rounded-full bg-slate-100 text-slate-600">
        <LockIcon />
      </span>
      <p className="mt-4 text-sm font-semibold text-slate-500">403</p>
      <h1 className="mt-1 text-2xl font-bold text-slate-900">This area is for instructors</h1>
      <p className="mt-3 text-slate-600">
        Want to teach on InstaInstru? Create an instructor account to set up your profile and calendar.
      </p>
      <div className="mt-6 flex gap-3">
        <ButtonLink href="/sign-up?role=instructor">Become an instructor</ButtonLink>
        <ButtonLink href="/" variant="outline">
          Go home
        </ButtonLink>
      </div>
    </div>
  );
}
