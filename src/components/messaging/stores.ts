"use client";

import { useSyncExternalStore } from "react";
import { TYPING_MAX_MS } from "./constants";

/**
 * Client-only messaging state that is not server data: who is typing (ephemeral events) and messages being
 * sent (optimistic bubbles). Module-level stores rather than React state so they survive moving between
 * threads, and so the live subscription in the header and the thread on the page share them without a provider
 * around the whole tree.
 */

function createStore<T>(initial: T) {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set: (next: T) => {
      state = next;
      for (const l of listeners) l();
    },
    subscribe: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

/* ───────────── typing ───────────── */

type Typing = Record<string, { userId: string; until: number } | undefined>;
const typing = createStore<Typing>({});
const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

/** Shows `userId` typing in a conversation until `expiresAt` (capped, so a skewed clock can't pin it). */
export function setTyping(conversationId: string, userId: string, expiresAt: string) {
  const now = Date.now();
  const ms = Math.min(Math.max(Date.parse(expiresAt) - now, 1_500), TYPING_MAX_MS);
  typing.set({ ...typing.get(), [conversationId]: { userId, until: now + ms } });
  clearTimeout(typingTimers.get(conversationId));
  typingTimers.set(
    conversationId,
    setTimeout(() => clearTyping(conversationId), ms),
  );
}

/** A message from the typist ends their indicator at once. */
export function clearTyping(conversationId: string, userId?: string) {
  const cur = typing.get()[conversationId];
  if (!cur || (userId && cur.userId !== userId)) return;
  clearTimeout(typingTimers.get(conversationId));
  typingTimers.delete(conversationId);
  typing.set({ ...typing.get(), [conversationId]: undefined });
}

/** The id of whoever is typing in the conversation, or null. */
export function useTyping(conversationId: string): string | null {
  return useSyncExternalStore(
    typing.subscribe,
    () => typing.get()[conversationId]?.userId ?? null,
    () => null,
  );
}

/* ───────────── optimistic sends ───────────── */

export type PendingMessage = {
  /** The idempotency key: a retry reuses it, so the server stores the message once. */
  clientId: string;
  body: string;
  createdAt: string;
  state: "sending" | "failed";
  error: string | null;
};

type Pending = Record<string, PendingMessage[] | undefined>;
const pending = createStore<Pending>({});
const NONE: PendingMessage[] = [];

export const pendingSends = {
  add(conversationId: string, m: PendingMessage) {
    const s = pending.get();
    pending.set({ ...s, [conversationId]: [...(s[conversationId] ?? []), m] });
  },
  update(conversationId: string, clientId: string, patch: Partial<PendingMessage>) {
    const s = pending.get();
    pending.set({
      ...s,
      [conversationId]: (s[conversationId] ?? []).map((m) => (m.clientId === clientId ? { ...m, ...patch } : m)),
    });
  },
  remove(conversationId: string, clientId: string) {
    const s = pending.get();
    const list = s[conversationId];
    if (!list?.some((m) => m.clientId === clientId)) return;
    pending.set({ ...s, [conversationId]: list.filter((m) => m.clientId !== clientId) });
  },
};

export function usePendingSends(conversationId: string): PendingMessage[] {
  return useSyncExternalStore(
    pending.subscribe,
    () => pending.get()[conversationId] ?? NONE,
    () => NONE,
  );
}

/* ───────────── drafts ───────────── */

/** Unsent text per conversation, kept while the tab lives (switching threads doesn't lose it). */
export const drafts = new Map<string, string>();

/** A client id for a new message: a UUID where the browser has one (secure contexts), else random hex. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
