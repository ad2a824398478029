import { ThreadView } from "~/components/messaging/pages";

export default async function InstructorConversationPage({ params }: { params: Promise<{ conversationId: string }> }) {
  const { conversationId } = await params;
  return <ThreadView basePath="/instructor/inbox" conversationId={conversationId} />;
}
