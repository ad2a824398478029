import { InboxIndexView } from "~/components/messaging/pages";

export default async function InstructorInboxPage({
  searchParams,
}: {
  searchParams: Promise<{ to?: string | string[] }>;
}) {
  const { to } = await searchParams;
  return <InboxIndexView basePath="/instructor/inbox" to={typeof to === "string" ? to : undefined} />;
}
