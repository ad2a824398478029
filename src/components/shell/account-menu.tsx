"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { ChevronDownIcon, LogOutIcon, ShieldCheckIcon, UserIcon } from "~/components/ui/icons";
import { Avatar } from "./avatar";
import type { NavUser } from "./types";
import { signOutToHome } from "./sign-out";

/**
 * Account dropdown following the WAI-ARIA menu-button pattern: Enter/Space/ArrowDown open it and focus the
 * first item, arrows move, Home/End jump, Escape closes and returns focus to the button, Tab closes.
 */
export function AccountMenu({ user }: { user: NavUser }) {
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const items = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onPointer = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!menuRef.current?.contains(t) && !buttonRef.current?.contains(t)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  function close(focusButton: boolean) {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  }

  function onMenuKey(e: KeyboardEvent<HTMLDivElement>) {
    const list = items();
    const i = list.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      e.preventDefault();
      list[(to + list.length) % list.length]?.focus();
    };
    if (e.key === "ArrowDown") move(i + 1);
    else if (e.key === "ArrowUp") move(i - 1);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(list.length - 1);
    else if (e.key === "Escape") {
      e.preventDefault();
      close(true);
    } else if (e.key === "Tab") setOpen(false);
  }

  const itemClass =
    "flex w-full items-center gap-2.5 rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100 focus:bg-slate-100 focus:outline-none";

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={`Account menu for ${user.firstName}`}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
        className="flex items-center gap-2 rounded-full border border-slate-200 py-1 pr-2.5 pl-1 text-sm font-medium text-slate-800 hover:shadow-sm"
      >
        <Avatar firstName={user.firstName} lastName={user.lastName} />
        <span className="max-w-32 truncate">{user.firstName}</span>
        <ChevronDownIcon className={`size-4 text-slate-500 transition-transform ${open ? "rotate-180" : ""}`} />
      </button>
      <div
        ref={menuRef}
        id={menuId}
        role="menu"
        aria-label="Account"
        hidden={!open}
        onKeyDown={onMenuKey}
        className="absolute right-0 z-50 mt-2 w-64 rounded-xl border border-slate-200 bg-white p-1.5 shadow-pop"
      >
        <div className="border-b border-slate-100 px-3 pt-1.5 pb-2.5" role="none">
          <p className="truncate text-sm font-semibold text-slate-900">
            {user.firstName} {user.lastName}
          </p>
          <p className="truncate text-xs text-slate-500">{user.email}</p>
        </div>
        <div className="pt-1.5" role="none">
          <Link role="menuitem" tabIndex={-1} href="/account" className={itemClass} onClick={() => setOpen(false)}>
            <UserIcon className="size-4 text-slate-500" /> Settings
          </Link>
          <Link
            role="menuitem"
            tabIndex={-1}
            href="/account/security"
            className={itemClass}
            onClick={() => setOpen(false)}
          >
            <ShieldCheckIcon className="size-4 text-slate-500" /> Security
          </Link>
          <button
            role="menuitem"
            tabIndex={-1}
            type="button"
            className={itemClass}
            disabled={signingOut}
            onClick={() => {
              setSigningOut(true);
              void signOutToHome();
            }}
          >
            <LogOutIcon className="size-4 text-slate-500" /> {signingOut ? "Signing out…" : "Sign out"}
          </button>
        </div>
      </div>
    </div>
  );
}
