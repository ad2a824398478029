import type { Metadata } from "next";
import type { ReactNode } from "react";
import { InboxLayoutView } from "~/components/messaging/pages";

export const metadata: Metadata = { title: "Inbox" };

export default function InboxLayout({ children }: { children: ReactNode }) {
  return <InboxLayoutView basePath="/inbox">{children}</InboxLayoutView>;
}
