"use client";

import { useSearchParams, useSelectedLayoutSegment } from "next/navigation";
import { useState, type ReactNode } from "react";
import { cn } from "~/components/ui/cn";
import { Tabs, panelId } from "~/components/ui/tabs";
import { api } from "~/trpc/react";
import { FOLDERS, FOLDER_LABEL, type Folder } from "./constants";
import { ConversationList } from "./conversation-list";

/**
 * The inbox: conversation list beside the open thread on desktop; on phones one or the other (the list at the
 * inbox root, the thread at `<base>/<conversationId>`). The folder tab is kept while moving between threads.
 * `embedded`: inside a dashboard's chrome (the instructor layout), so the frame is a card, not full-bleed.
 */
export function InboxFrame({
  basePath,
  timeZone,
  viewerRole,
  embedded = false,
  children,
}: {
  basePath: string;
  /** The viewer's IANA zone (their account setting). */
  timeZone: string;
  viewerRole: "student" | "instructor" | "admin";
  embedded?: boolean;
  children: ReactNode;
}) {
  const selected = useSelectedLayoutSegment();
  const opening = useSearchParams().get("to");
  const [folder, setFolder] = useState<Folder>("active");
  const totals = api.conversations.unreadTotal.useQuery(undefined, { staleTime: 5 * 60_000 });
  const threadOpen = Boolean(selected) || Boolean(opening);

  return (
    <div
      className={cn(
        "mx-auto flex w-full overflow-hidden bg-white",
        embedded
          ? "h-[calc(100dvh-13rem)] min-h-[30rem] rounded-2xl border border-slate-200 shadow-card"
          : "h-[calc(100dvh-4rem)] min-h-[26rem] max-w-7xl xl:border-x xl:border-slate-200",
      )}
    >
      <aside
        aria-labelledby="inbox-title"
        className={cn(
          "flex w-full shrink-0 flex-col border-slate-200 md:w-80 md:border-r lg:w-96",
          threadOpen && "max-md:hidden",
        )}
      >
        <div className="px-4 pt-5">
          <h1 id="inbox-title" className="text-2xl font-bold tracking-tight text-slate-900">
            Inbox
          </h1>
          <Tabs
            label="Folders"
            idBase="inbox"
            className="mt-3"
            value={folder}
            onChange={setFolder}
            tabs={FOLDERS.map((f) => ({ id: f, label: FOLDER_LABEL[f], count: totals.data?.byState[f] || null }))}
          />
        </div>
        <div
          role="tabpanel"
          id={panelId("inbox", folder)}
          aria-labelledby={`inbox-tab-${folder}`}
          className="min-h-0 flex-1 overflow-y-auto"
        >
          <ConversationList
            folder={folder}
            selectedId={selected}
            basePath={basePath}
            zone={timeZone}
            viewerRole={viewerRole}
          />
        </div>
      </aside>
      <section
        aria-label="Conversation"
        className={cn("min-w-0 flex-1 flex-col", threadOpen ? "flex" : "hidden md:flex")}
      >
        {children}
      </section>
    </div>
  );
}
