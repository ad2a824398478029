import type { ReactNode } from "react";
import { InstructorTabs } from "~/components/instructor/instructor-tabs";
import { getMe } from "~/components/shell/current-user";

/**
 * Chrome of the instructor dashboard. Access is checked by each page (requireInstructor), which knows its
 * own path for the sign-in round trip; the section tabs show only to instructors.
 */
export default async function InstructorLayout({ children }: { children: ReactNode }) {
  const me = await getMe().catch(() => null);
  if (me?.role !== "instructor") return <>{children}</>;
  return (
    <div className="mx-auto w-full max-w-6xl px-4 pt-8 pb-16 sm:px-6 lg:px-8">
      <InstructorTabs />
      <div className="mt-8">{children}</div>
    </div>
  );
}
