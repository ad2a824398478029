import type { HistoryPage, MessageStatus, ThreadMessage } from "./types";

const maxId = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : (a ?? b));
const RANK: Record<MessageStatus, number> = { sent: 0, delivered: 1, read: 2 };

/** Read/delivery marks of the other participant and the viewer's read mark, the furthest any page has seen. */
export function marksOf(d: { pages: HistoryPage[] }) {
  let otherRead: string | null = null;
  let otherDelivered: string | null = null;
  let myRead: string | null = null;
  for (const p of d.pages) {
    otherRead = maxId(otherRead, p.conversation.otherLastReadMessageId);
    otherDelivered = maxId(otherDelivered, p.conversation.otherLastDeliveredMessageId);
    myRead = maxId(myRead, p.conversation.myLastReadMessageId);
  }
  return { otherRead, otherDelivered: maxId(otherDelivered, otherRead), myRead };
}

/** Ticks of one's own message from the server's marks (never lower than what the server last said about it). */
export function statusOf(m: ThreadMessage, marks: ReadMarks): MessageStatus {
  const fromMarks: MessageStatus =
    marks.otherRead && m.id <= marks.otherRead
      ? "read"
      : marks.otherDelivered && m.id <= marks.otherDelivered
        ? "delivered"
        : "sent";
  return m.status && RANK[m.status] > RANK[fromMarks] ? m.status : fromMarks;
}

export type ReadMarks = ReturnType<typeof marksOf>;
