"use client";

import { useEffect, useRef, useState } from "react";
import type { ThreadMessage } from "./types";

/**
 * Screen-reader announcement of messages that arrive while the thread is open (not of the history it opened
 * with); the text is cleared after 5 s so an edited or deleted message is not left around.
 */
export function useArrivalAnnouncement(newestIncoming: ThreadMessage | null, otherName: string | undefined): string {
  const [announcement, setAnnouncement] = useState("");
  const announcedFrom = useRef<string | null>(null);
  useEffect(() => {
    if (!newestIncoming) return;
    if (announcedFrom.current === null) {
      announcedFrom.current = newestIncoming.id; // history already there when the thread opened: not news
      return;
    }
    if (newestIncoming.id <= announcedFrom.current) return;
    announcedFrom.current = newestIncoming.id;
    const who = newestIncoming.kind === "system" ? "Lesson update" : `New message from ${otherName ?? "them"}`;
    setAnnouncement(`${who}: ${newestIncoming.body ?? "message deleted"}`);
  }, [newestIncoming, otherName]);
  useEffect(() => {
    if (!announcement) return;
    // Said once; don't leave the text around (the message may be edited or deleted later).
    const t = setTimeout(() => setAnnouncement(""), 5_000);
    return () => clearTimeout(t);
  }, [announcement]);
  return announcement;
}
