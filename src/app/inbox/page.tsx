import { InboxIndexView } from "~/components/messaging/pages";

export default async function InboxPage({ searchParams }: { searchParams: Promise<{ to?: string | string[] }> }) {
  const { to } = await searchParams;
  return <InboxIndexView basePath="/inbox" to={typeof to === "string" ? to : undefined} />;
}
