import type { Metadata } from "next";
import type { ReactNode } from "react";
import { InboxLayoutView } from "~/components/messaging/pages";

export const metadata: Metadata = { title: "Inbox" };

/** The same inbox as /inbox, inside the instructor dashboard's chrome (which it gets only for instructors). */
export default function InstructorInboxLayout({ children }: { children: ReactNode }) {
  return (
    <InboxLayoutView basePath="/instructor/inbox" embedded>
      {children}
    </InboxLayoutView>
  );
}
