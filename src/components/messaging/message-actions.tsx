"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { cn } from "~/components/ui/cn";
import { PencilIcon, TrashIcon } from "~/components/ui/icons-extra";
import { EMOJI_FONT, REACTIONS } from "./constants";
import { MoreIcon } from "./icons";
import type { ReactionView } from "./types";

type Emoji = ReactionView["emoji"];

/**
 * Per-message actions (WAI-ARIA menu button): the reaction set as checkable items, then Edit / Delete for one's
 * own messages. The menu is positioned `fixed` from the button so the thread's scroll box never clips it.
 * Arrows move, Home/End jump, Escape closes and returns focus to the button.
 */
export function MessageActions({
  align,
  myReactions,
  canEdit,
  canDelete,
  onReact,
  onEdit,
  onDelete,
  onReport,
}: {
  align: "start" | "end";
  myReactions: Emoji[];
  canEdit: boolean;
  canDelete: boolean;
  onReact: (emoji: Emoji, on: boolean) => void;
  onEdit: () => void;
  onDelete: () => void;
  /** Others' messages: report to the moderators. */
  onReport?: () => void;
}) {
  const [pos, setPos] = useState<{ top: number; left: number; above: boolean } | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const open = pos !== null;

  const items = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? []);

  function show() {
    const r = buttonRef.current?.getBoundingClientRect();
    if (!r) return;
    const width = 264;
    const left = Math.min(Math.max(8, align === "end" ? r.right - width : r.left), window.innerWidth - width - 8);
    const above = r.top > 200;
    setPos({ top: above ? r.top - 6 : r.bottom + 6, left, above });
  }

  function close(focusButton: boolean) {
    setPos(null);
    if (focusButton) buttonRef.current?.focus();
  }

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onPointer = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!menuRef.current?.contains(t) && !buttonRef.current?.contains(t)) setPos(null);
    };
    // The menu is pinned to where the button was: any scroll or resize closes it.
    const onMove = (e: Event) => {
      if (e.target instanceof Node && menuRef.current?.contains(e.target)) return;
      setPos(null);
    };
    document.addEventListener("pointerdown", onPointer);
    window.addEventListener("scroll", onMove, true);
    window.addEventListener("resize", onMove);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      window.removeEventListener("scroll", onMove, true);
      window.removeEventListener("resize", onMove);
    };
  }, [open]);

  function onMenuKey(e: KeyboardEvent<HTMLDivElement>) {
    const list = items();
    const i = list.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      e.preventDefault();
      list[(to + list.length) % list.length]?.focus();
    };
    if (e.key === "ArrowDown" || e.key === "ArrowRight") move(i + 1);
    else if (e.key === "ArrowUp" || e.key === "ArrowLeft") move(i - 1);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(list.length - 1);
    else if (e.key === "Escape") {
      e.preventDefault();
      close(true);
    } else if (e.key === "Tab") setPos(null);
  }

  const rowItem =
    "flex w-full items-center gap-2.5 rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100 focus:bg-slate-100 focus:outline-none";

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label="Message actions"
        onClick={() => (open ? close(false) : show())}
        className={cn(
          "inline-flex size-8 shrink-0 items-center justify-center rounded-full text-slate-400 transition-opacity hover:bg-slate-100 hover:text-slate-800",
          // Shown on hover or keyboard focus; always on touch screens (no hover there).
          open
            ? "opacity-100"
            : "opacity-0 group-hover:opacity-100 focus-visible:opacity-100 [@media(hover:none)]:opacity-100",
        )}
      >
        <MoreIcon className="size-5" />
      </button>
      {pos && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label="Message actions"
          onKeyDown={onMenuKey}
          style={{ top: pos.top, left: pos.left }}
          className={cn(
            "fixed z-50 w-66 rounded-xl border border-slate-200 bg-white p-1.5 shadow-pop",
            pos.above && "-translate-y-full",
          )}
        >
          <div role="group" aria-label="Reactions" className="flex justify-between px-1 pb-1">
            {REACTIONS.map((emoji) => {
              const on = myReactions.includes(emoji);
              return (
                <button
                  key={emoji}
                  type="button"
                  role="menuitemcheckbox"
                  aria-checked={on}
                  aria-label={`React with ${emoji}`}
                  tabIndex={-1}
                  onClick={() => {
                    onReact(emoji, !on);
                    close(true);
                  }}
                  className={cn(
                    "flex size-9 items-center justify-center rounded-full text-xl transition-transform hover:scale-110 hover:bg-slate-100 focus:bg-slate-100 focus:outline-none",
                    EMOJI_FONT,
                    on && "bg-brand-100 ring-1 ring-brand-300",
                  )}
                >
                  {emoji}
                </button>
              );
            })}
          </div>
          {(canEdit || canDelete || onReport) && (
            <div role="none" className="border-t border-slate-100 pt-1">
              {canEdit && (
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className={rowItem}
                  onClick={() => {
                    setPos(null);
                    onEdit();
                  }}
                >
                  <PencilIcon className="size-4 text-slate-500" /> Edit
                </button>
              )}
              {canDelete && (
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className={cn(rowItem, "text-red-700")}
                  onClick={() => {
                    setPos(null);
                    onDelete();
                  }}
                >
                  <TrashIcon className="size-4" /> Delete
                </button>
              )}
              {onReport && (
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className={rowItem}
                  onClick={() => {
                    setPos(null);
                    onReport();
                  }}
                >
                  <span aria-hidden="true" className="inline-block w-4 text-center text-slate-500">
                    ⚑
                  </span>{" "}
                  Report
                </button>
              )}
            </div>
          )}
        </div>
      )}
    </>
  );
}
