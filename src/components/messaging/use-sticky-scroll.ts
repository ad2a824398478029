"use client";

import { useCallback, useLayoutEffect, useRef } from "react";

/** How close to the bottom (px) still counts as "at the bottom". */
const BOTTOM_SLACK = 96;

/**
 * Scrolling of a message list: starts at the bottom, follows new messages only while the person is at the bottom
 * (or `stick(true)` was called, e.g. after sending), and keeps the position when an older page is prepended
 * (`headKey`, the id of the first item, went down). Returns the scroller's ref, its onScroll handler and `stick`.
 */
export function useStickyScroll(headKey: string | null) {
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const lastHeight = useRef(0);
  const firstKey = useRef<string | null>(null);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (firstKey.current && headKey && headKey < firstKey.current && !stickToBottom.current) {
      el.scrollTop += el.scrollHeight - lastHeight.current; // an older page was prepended
    } else if (stickToBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
    firstKey.current = headKey;
    lastHeight.current = el.scrollHeight;
  });

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_SLACK;
    lastHeight.current = el.scrollHeight;
  }, []);

  const stick = useCallback((value: boolean) => {
    stickToBottom.current = value;
  }, []);

  return { scroller, onScroll, stick };
}
