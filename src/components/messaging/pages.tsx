import "server-only";
import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import { Suspense, type ReactNode } from "react";
import { getMe, requireUser } from "~/components/shell/current-user";
import { serverApi } from "~/trpc/server";
import { InboxFrame } from "./inbox-frame";
import { NoThreadSelected, Thread } from "./thread";

/**
 * The inbox's route bodies, shared by `/inbox` (students and instructors) and `/instructor/inbox` (the same inbox
 * inside the instructor dashboard; unread-message emails link instructors there). `basePath` keeps links inside
 * whichever one the person is using.
 */

export async function InboxLayoutView({
  basePath,
  embedded = false,
  children,
}: {
  basePath: string;
  embedded?: boolean;
  children: ReactNode;
}) {
  // Each page checks the session itself (see requireUser); signed out, the page redirects to sign in.
  const me = await getMe().catch(() => null);
  if (!me) return <>{children}</>;
  return (
    <Suspense fallback={<div className="h-[calc(100dvh-4rem)]" aria-busy="true" aria-label="Loading inbox" />}>
      <InboxFrame
        basePath={basePath}
        timeZone={me.timeZone}
        viewerRole={me.role}
        embedded={embedded && me.role === "instructor"}
      >
        {children}
      </InboxFrame>
    </Suspense>
  );
}

/**
 * The inbox root. `?to=<userId>` opens the conversation with that person, creating it if needed ("Message"
 * on an instructor's profile links here, so a student can write before any booking).
 */
export async function InboxIndexView({ basePath, to }: { basePath: string; to: string | undefined }) {
  await requireUser(to ? `${basePath}?to=${encodeURIComponent(to)}` : basePath);
  if (!to) return <NoThreadSelected />;
  let target: string | null = null;
  let error: string | null = null;
  try {
    const r = await (await serverApi()).conversations.start({ otherUserId: to });
    target = r.conversation.id;
  } catch (e) {
    error = startError(e);
  }
  if (target) redirect(`${basePath}/${target}`);
  return <NoThreadSelected error={error} />;
}

function startError(e: unknown): string {
  if (!(e instanceof TRPCError)) throw e;
  if (e.code === "NOT_FOUND") return "That person isn't available on InstaInstru.";
  // Input validation (a malformed link) carries zod's JSON as its message: say it in words instead.
  if (e.code === "BAD_REQUEST" && e.message.trimStart().startsWith("["))
    return "That link doesn't point to anyone we know.";
  if (e.code === "BAD_REQUEST" || e.code === "FORBIDDEN" || e.code === "TOO_MANY_REQUESTS") return e.message;
  throw e;
}

export async function ThreadView({ basePath, conversationId }: { basePath: string; conversationId: string }) {
  const me = await requireUser(`${basePath}/${conversationId}`);
  return (
    <Thread
      key={conversationId}
      conversationId={conversationId}
      basePath={basePath}
      viewer={{ id: me.id, firstName: me.firstName, timeZone: me.timeZone, role: me.role }}
    />
  );
}
