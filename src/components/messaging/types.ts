import type { InfiniteData } from "@tanstack/react-query";
import type { RouterOutputs } from "~/trpc/react";

export type { ConversationEvent, DurableEvent, MessageView, ReactionView } from "~/server/services/messaging/types";

export type HistoryPage = RouterOutputs["conversations"]["history"];
export type ThreadMessage = HistoryPage["messages"][number];
export type ConversationSummary = HistoryPage["conversation"];
export type ListPage = RouterOutputs["conversations"]["list"];
export type MessageStatus = NonNullable<ThreadMessage["status"]>;

/** As the cache's updaters see them (setInfiniteData). */
export type HistoryData = InfiniteData<HistoryPage, string | null>;
export type ListData = InfiniteData<ListPage, string | null>;

/** What the thread needs to know about the signed-in person. */
export type Viewer = { id: string; firstName: string; timeZone: string; role: "student" | "instructor" | "admin" };
