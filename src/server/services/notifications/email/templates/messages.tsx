import { CallToAction, P } from "../layout";
import { defineEmailTemplate } from "../render";

export type UnreadMessagesProps = {
  recipientFirstName: string;
  senderName: string;
  count: number;
  /** The newest messages, oldest first (already limited). */
  quoted: string[];
  /** How many earlier unread messages are not quoted. */
  more: number;
  threadPath: string;
};

export const unreadMessagesEmail = defineEmailTemplate<UnreadMessagesProps>({
  id: "unread-messages",
  subject: (p) =>
    p.count === 1 ? `${p.senderName} sent you a message` : `${p.senderName} sent you ${p.count} messages`,
  heading: (p) => (p.count === 1 ? "You have an unread message" : `You have ${p.count} unread messages`),
  reason: () => "You get message emails when a message stays unread for a few minutes.",
  Body: ({ props: p, ctx }) => (
    <>
      <P>
        Hi {p.recipientFirstName}, {p.senderName} wrote to you on InstaInstru:
      </P>
      {p.more > 0 ? (
        <P>
          ({p.more} earlier message{p.more === 1 ? "" : "s"} not shown)
        </P>
      ) : null}
      {p.quoted.map((q, i) => (
        <blockquote
          key={i}
          style={{ borderLeft: "3px solid #e2e8f0", margin: "0 0 12px", padding: "4px 12px", whiteSpace: "pre-wrap" }}
        >
          {q}
        </blockquote>
      ))}
      <CallToAction href={ctx.url(p.threadPath)}>Reply</CallToAction>
    </>
  ),
});
