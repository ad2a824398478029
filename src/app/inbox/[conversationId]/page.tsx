import { ThreadView } from "~/components/messaging/pages";

export default async function ConversationPage({ params }: { params: Promise<{ conversationId: string }> }) {
  const { conversationId } = await params;
  return <ThreadView basePath="/inbox" conversationId={conversationId} />;
}
