"use client";

import { useState } from "react";
import { toApiError } from "~/components/forms/api-error";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { Dialog } from "~/components/ui/dialog";
import { CalendarIcon } from "~/components/ui/icons";
import { Ticks } from "./bits";
import { patchThreadMessage, setThreadReactions, toggleReactionLocally, useMessagingUtils } from "./cache";
import { EDIT_WINDOW_MS, EMOJI_FONT, MAX_MESSAGE_LENGTH } from "./constants";
import { fullLabel, timeLabel } from "./format";
import { EyeOffIcon } from "./icons";
import { ReportDialog } from "~/components/moderation/report-dialog";
import { MessageActions } from "./message-actions";
import { pendingSends, type PendingMessage } from "./stores";
import type { MessageStatus, ReactionView, ThreadMessage } from "./types";

type Emoji = ReactionView["emoji"];

const bubbleBase =
  "rounded-2xl px-3.5 py-2 text-[15px] leading-snug whitespace-pre-wrap break-words [overflow-wrap:anywhere] sm:text-sm";
const mineBubble = "rounded-br-md bg-brand-600 text-white";
const theirBubble = "rounded-bl-md bg-slate-100 text-slate-900";

/** A booking lifecycle notice: centred, muted, with the lesson icon, never with actions. */
export function SystemMessage({ m, zone }: { m: ThreadMessage; zone: string }) {
  return (
    <li className="flex justify-center py-1.5">
      <div className="inline-flex max-w-[92%] items-start gap-2 rounded-xl border border-slate-200 bg-slate-50 px-3.5 py-2 text-xs text-slate-600 sm:max-w-[80%]">
        <CalendarIcon className="mt-px size-4 shrink-0 text-brand-600" />
        <p>
          <span className="sr-only">Lesson update: </span>
          <span className="font-medium text-slate-700">{m.body}</span>
          <time
            dateTime={m.createdAt}
            title={fullLabel(m.createdAt, zone)}
            className="ml-1.5 whitespace-nowrap text-slate-400"
          >
            {timeLabel(m.createdAt, zone)}
          </time>
        </p>
      </div>
    </li>
  );
}

/** One user message: bubble, actions (react / edit / delete), reactions and the meta line (time, edited, ticks). */
export function MessageItem({
  m,
  mine,
  status,
  viewerId,
  otherName,
  zone,
  now,
}: {
  m: ThreadMessage;
  mine: boolean;
  status: MessageStatus | null;
  viewerId: string;
  otherName: string;
  zone: string;
  now: number;
}) {
  const utils = useMessagingUtils();
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [reporting, setReporting] = useState(false);

  const editable = mine && !m.deleted && now - Date.parse(m.createdAt) < EDIT_WINDOW_MS;
  const myReactions = m.reactions.filter((r) => r.userIds.includes(viewerId)).map((r) => r.emoji);

  async function react(emoji: Emoji, on: boolean) {
    setActionError(null);
    toggleReactionLocally(utils, m.conversationId, m.id, emoji, viewerId, on);
    try {
      const r = on
        ? await utils.client.conversations.react.mutate({ messageId: m.id, emoji })
        : await utils.client.conversations.unreact.mutate({ messageId: m.id, emoji });
      setThreadReactions(utils, m.conversationId, r.messageId, r.reactions);
    } catch (e) {
      toggleReactionLocally(utils, m.conversationId, m.id, emoji, viewerId, !on);
      setActionError(toApiError(e).message);
    }
  }

  async function remove() {
    setDeleting(true);
    setActionError(null);
    try {
      const r = await utils.client.conversations.delete.mutate({ messageId: m.id });
      patchThreadMessage(utils, m.conversationId, m.id, {
        body: r.body,
        deleted: r.deleted,
        deletedAt: r.deletedAt,
        reactions: r.reactions,
      });
      setConfirmDelete(false);
    } catch (e) {
      setActionError(toApiError(e).message);
      setConfirmDelete(false);
    } finally {
      setDeleting(false);
    }
  }

  const who = mine ? "You" : otherName;
  return (
    <li className={cn("group flex flex-col", mine ? "items-end" : "items-start")}>
      <span className="sr-only">{`${who}:`}</span>
      <div
        className={cn(
          "flex max-w-[88%] items-center gap-1 sm:max-w-[75%]",
          mine && "flex-row-reverse",
          editing && "w-full max-w-[88%] sm:max-w-[75%]",
        )}
      >
        {editing ? (
          <EditForm m={m} onDone={() => setEditing(false)} />
        ) : m.deleted ? (
          <p className={cn(bubbleBase, "border border-dashed border-slate-300 bg-white text-slate-500 italic")}>
            {m.moderated ? "Message removed by moderator" : "Message deleted"}
          </p>
        ) : (
          <div className={cn(bubbleBase, mine ? mineBubble : theirBubble)}>{m.body}</div>
        )}
        {!editing && !m.deleted && (
          <MessageActions
            align={mine ? "end" : "start"}
            myReactions={myReactions}
            canEdit={editable}
            canDelete={mine}
            onReact={(emoji, on) => void react(emoji, on)}
            onEdit={() => setEditing(true)}
            onDelete={() => setConfirmDelete(true)}
            onReport={!mine && m.kind === "user" ? () => setReporting(true) : undefined}
          />
        )}
      </div>
      {m.reactions.length > 0 && !m.deleted && (
        <ul aria-label="Reactions" className={cn("-mt-1.5 flex flex-wrap gap-1", mine ? "mr-2 justify-end" : "ml-2")}>
          {m.reactions.map((r) => {
            const on = r.userIds.includes(viewerId);
            const names = r.userIds.map((u) => (u === viewerId ? "You" : otherName)).join(" and ");
            return (
              <li key={r.emoji}>
                <button
                  type="button"
                  aria-pressed={on}
                  aria-label={`${r.emoji} ${r.userIds.length}`}
                  title={`${names} reacted ${r.emoji}`}
                  onClick={() => void react(r.emoji, !on)}
                  className={cn(
                    "relative inline-flex h-6 items-center gap-1 rounded-full border bg-white px-1.5 text-xs font-semibold shadow-sm",
                    on
                      ? "border-brand-300 bg-brand-50 text-brand-800"
                      : "border-slate-200 text-slate-700 hover:bg-slate-50",
                  )}
                >
                  <span aria-hidden="true" className={cn("text-sm leading-none", EMOJI_FONT)}>
                    {r.emoji}
                  </span>
                  {r.userIds.length > 1 && <span aria-hidden="true">{r.userIds.length}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <p className={cn("mt-1 flex items-center gap-1.5 px-1 text-[11px] text-slate-500", mine && "flex-row-reverse")}>
        {mine && status && !m.deleted && <Ticks status={status} />}
        <time dateTime={m.createdAt} title={fullLabel(m.createdAt, zone)}>
          {timeLabel(m.createdAt, zone)}
        </time>
        {m.editedAt && !m.deleted && <span title={fullLabel(m.editedAt, zone)}>· edited</span>}
        {m.masked && !m.deleted && (
          <span
            className="inline-flex items-center gap-1"
            title="Phone numbers and email addresses are hidden until a lesson is confirmed"
          >
            · <EyeOffIcon className="size-3" /> contact details hidden
          </span>
        )}
      </p>
      {actionError && (
        <p role="alert" className="mt-1 px-1 text-xs text-red-700">
          {actionError}
        </p>
      )}
      <ReportDialog
        open={reporting}
        onClose={() => setReporting(false)}
        title="Report this message?"
        description="Tell us what is wrong. A moderator will review it; the sender is not told who reported it."
        submit={(reason) => utils.client.reports.message.mutate({ messageId: m.id, reason })}
      />
      <Dialog
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title="Delete this message?"
        size="sm"
        description={"It will show as \u201cMessage deleted\u201d for both of you. This can't be undone."}
        footer={
          <>
            <Button variant="ghost" onClick={() => setConfirmDelete(false)}>
              Cancel
            </Button>
            <Button variant="danger" loading={deleting} onClick={() => void remove()}>
              Delete
            </Button>
          </>
        }
      />
    </li>
  );
}

function EditForm({ m, onDone }: { m: ThreadMessage; onDone: () => void }) {
  const utils = useMessagingUtils();
  const [text, setText] = useState(m.body ?? "");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    const body = text.trim();
    if (!body) return setError("Write a message first, or delete it instead.");
    if (body === m.body) return onDone();
    setSaving(true);
    setError(null);
    try {
      const r = await utils.client.conversations.edit.mutate({ messageId: m.id, body });
      patchThreadMessage(utils, m.conversationId, m.id, { body: r.body, masked: r.masked, editedAt: r.editedAt });
      onDone();
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="w-full rounded-2xl border border-brand-300 bg-white p-2 shadow-sm"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor={`edit-${m.id}`} className="sr-only">
        Edit message
      </label>
      <textarea
        id={`edit-${m.id}`}
        value={text}
        maxLength={MAX_MESSAGE_LENGTH}
        autoFocus
        rows={Math.min(6, Math.max(2, text.split("\n").length))}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void save();
          } else if (e.key === "Escape") {
            e.preventDefault();
            onDone();
          }
        }}
        className="block w-full resize-none rounded-lg px-2 py-1.5 text-[15px] text-slate-900 focus:outline-none sm:text-sm"
      />
      {error && (
        <p role="alert" className="px-2 pb-1 text-xs text-red-700">
          {error}
        </p>
      )}
      <div className="flex items-center justify-end gap-2">
        <span className="mr-auto px-2 text-xs text-slate-500">Esc to cancel</span>
        <Button variant="ghost" size="sm" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" size="sm" loading={saving}>
          Save
        </Button>
      </div>
    </form>
  );
}

/** A message on its way (optimistic): shown at once, "Sending…", or "Not sent" with Retry reusing its client id. */
export function PendingItem({
  p,
  conversationId,
  zone,
  onRetry,
}: {
  p: PendingMessage;
  conversationId: string;
  zone: string;
  onRetry: (p: PendingMessage) => void;
}) {
  const failed = p.state === "failed";
  return (
    <li className="flex flex-col items-end">
      <span className="sr-only">You:</span>
      <div className={cn(bubbleBase, mineBubble, "max-w-[88%] sm:max-w-[75%]", failed ? "opacity-70" : "opacity-85")}>
        {p.body}
      </div>
      {failed ? (
        <div
          role="alert"
          className="mt-1 flex flex-wrap items-center justify-end gap-x-2 gap-y-1 px-1 text-xs text-red-700"
        >
          <span>Not sent{p.error ? ` — ${p.error}` : ""}</span>
          <button
            type="button"
            className="font-semibold underline underline-offset-2 hover:text-red-900"
            onClick={() => onRetry(p)}
          >
            Retry
          </button>
          <button
            type="button"
            className="text-slate-500 underline underline-offset-2 hover:text-slate-800"
            onClick={() => pendingSends.remove(conversationId, p.clientId)}
          >
            Discard
          </button>
        </div>
      ) : (
        <p className="mt-1 flex items-center gap-1.5 px-1 text-[11px] text-slate-500">
          <span>Sending…</span>
          <Ticks status="sending" />
          <time dateTime={p.createdAt} className="sr-only">
            {timeLabel(p.createdAt, zone)}
          </time>
        </p>
      )}
    </li>
  );
}
