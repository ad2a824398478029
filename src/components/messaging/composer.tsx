"use client";

import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { cn } from "~/components/ui/cn";
import { api } from "~/trpc/react";
import { COUNTER_FROM, MAX_MESSAGE_LENGTH, TYPING_SEND_INTERVAL_MS } from "./constants";
import { SendIcon } from "./icons";
import { drafts } from "./stores";

/** Wall-clock reads for the typing pings; they happen in handlers and timers, never while rendering. */
const clock = () => Date.now();

/**
 * The message box: Enter sends, Shift+Enter starts a new line (IME composition is left alone). While the person
 * types it pings `conversations.typing` at most every 2 s (leading edge, plus one trailing ping when typing went on
 * inside the window or the server dropped a ping as too soon). The counter appears near the length limit.
 */
export function Composer({
  conversationId,
  recipientName,
  onSend,
  footnote,
}: {
  conversationId: string;
  recipientName: string;
  onSend: (body: string) => void;
  footnote?: string;
}) {
  const utils = api.useUtils();
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(() => drafts.get(conversationId) ?? "");
  const lastTyping = useRef(0);
  const lastInput = useRef(0);
  const trailing = useRef<ReturnType<typeof setTimeout> | null>(null);
  const current = useRef(text);

  useEffect(() => {
    drafts.set(conversationId, text);
    current.current = text;
  }, [conversationId, text]);

  useEffect(
    () => () => {
      if (trailing.current) clearTimeout(trailing.current);
    },
    [],
  );

  // Grow with the text up to ~6 lines, then scroll inside.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 160)}px`;
  }, [text]);

  const length = text.length;
  const body = text.trim();
  const canSend = body.length > 0 && body.length <= MAX_MESSAGE_LENGTH;

  function ping() {
    lastTyping.current = clock();
    utils.client.conversations.typing
      .mutate({ conversationId })
      // The server keeps its own 2 s window (e.g. from a ping just before a send): try again when it has passed.
      .then((r) => (r.sent ? undefined : scheduleTrailing()))
      // Best effort: a lost typing ping only means a missing "is typing…".
      .catch(() => undefined);
  }

  function scheduleTrailing() {
    if (trailing.current) return;
    const wait = Math.max(0, lastTyping.current + TYPING_SEND_INTERVAL_MS - clock()) + 50;
    trailing.current = setTimeout(() => {
      trailing.current = null;
      // Only while there is a draft and the person typed recently.
      if (current.current.trim() && clock() - lastInput.current < TYPING_SEND_INTERVAL_MS * 2) ping();
    }, wait);
  }

  function changed(value: string) {
    setText(value);
    current.current = value;
    lastInput.current = clock();
    if (!value.trim()) return;
    if (lastInput.current - lastTyping.current >= TYPING_SEND_INTERVAL_MS) ping();
    else scheduleTrailing();
  }

  function submit() {
    if (!canSend) return;
    onSend(body);
    setText("");
    current.current = "";
    if (trailing.current) clearTimeout(trailing.current);
    trailing.current = null;
    ref.current?.focus();
  }

  return (
    <form
      className="mx-auto w-full max-w-3xl bg-white px-3 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] sm:px-6"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="flex items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor={id} className="sr-only">
            {`Message ${recipientName}`}
          </label>
          <textarea
            ref={ref}
            id={id}
            rows={1}
            value={text}
            maxLength={MAX_MESSAGE_LENGTH}
            placeholder={`Message ${recipientName}…`}
            aria-describedby={`${id}-hint`}
            onChange={(e) => changed(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                submit();
              }
            }}
            className="block max-h-40 min-h-11 w-full resize-none rounded-2xl border border-slate-300 bg-white px-4 py-2.5 text-base text-slate-900 shadow-sm placeholder:text-slate-400 hover:border-slate-400 focus:border-brand-600 focus:outline-none focus-visible:outline-2 focus-visible:outline-offset-0 sm:text-sm"
          />
        </div>
        <button
          type="submit"
          disabled={!canSend}
          aria-label="Send"
          className="inline-flex size-11 shrink-0 items-center justify-center rounded-full bg-brand-600 text-white shadow-sm transition-colors hover:bg-brand-700 disabled:cursor-not-allowed disabled:bg-slate-200 disabled:text-slate-400"
        >
          <SendIcon className="size-5" />
        </button>
      </div>
      <div className="mt-1.5 flex items-start justify-between gap-3 px-1 text-xs text-slate-500">
        <p id={`${id}-hint`}>
          <span className="max-sm:hidden">Enter to send · Shift+Enter for a new line</span>
          <span className="sm:hidden">{footnote ? "" : "Enter to send"}</span>
          {footnote && <span className="block sm:mt-0.5">{footnote}</span>}
        </p>
        {length >= COUNTER_FROM && (
          <p
            aria-live="polite"
            className={cn(
              "shrink-0 tabular-nums",
              length >= MAX_MESSAGE_LENGTH ? "font-semibold text-red-700" : "text-slate-500",
            )}
          >
            {length}/{MAX_MESSAGE_LENGTH}
            {length >= MAX_MESSAGE_LENGTH && <span className="sr-only"> — that's the limit</span>}
          </p>
        )}
      </div>
    </form>
  );
}
