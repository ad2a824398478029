"use client";

import { useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from "react";
import { cn } from "~/components/ui/cn";
import {
  formatTime,
  intersectRanges,
  rangesCover,
  subtractRanges,
  unionRanges,
  type MinuteRange,
} from "~/lib/time/windows";

/** Cells are half hours: fine enough for lessons on a 15-minute grid, coarse enough to paint by hand. */
export const CELL_MINUTES = 30;

export type GridColumn = {
  key: string;
  /** Full name used in cell labels ("Monday"). */
  label: string;
  /** Header text ("Mon"). */
  short: string;
  /** Second header line ("Mar 9"). */
  sub?: string;
  /** Small tag under the header ("Pattern", "Custom", "Day off"). */
  tag?: ReactNode;
  /** Cells of this column are drawn as following the weekly pattern (lighter, striped). */
  fromPattern?: boolean;
  /** Dimmed (blackout) but still editable. */
  muted?: boolean;
  today?: boolean;
};

type Cell = { col: number; row: number };
type Drag = { pointerId: number; anchor: Cell; mode: "add" | "erase"; snapshot: MinuteRange[][]; last: string };

type Props = {
  /** Accessible name of the grid. */
  label: string;
  columns: GridColumn[];
  /** One normalized list of minute ranges per column. */
  value: MinuteRange[][];
  onChange: (next: MinuteRange[][]) => void;
  /** First and last minute shown (multiples of 30). */
  fromMinute: number;
  toMinute: number;
  readOnly?: boolean;
  className?: string;
};

type CellState = "full" | "partial" | "none";

function cellState(ranges: MinuteRange[], start: number): CellState {
  const end = start + CELL_MINUTES;
  if (rangesCover(ranges, start, end)) return "full";
  return intersectRanges(ranges, [{ start, end }]).length > 0 ? "partial" : "none";
}

/** Applies add/erase to the rectangle between two cells (a drag), starting from `snapshot`. */
function applyRect(
  snapshot: MinuteRange[][],
  a: Cell,
  b: Cell,
  mode: "add" | "erase",
  fromMinute: number,
): MinuteRange[][] {
  const [c0, c1] = a.col <= b.col ? [a.col, b.col] : [b.col, a.col];
  const [r0, r1] = a.row <= b.row ? [a.row, b.row] : [b.row, a.row];
  const span: MinuteRange = { start: fromMinute + r0 * CELL_MINUTES, end: fromMinute + (r1 + 1) * CELL_MINUTES };
  return snapshot.map((ranges, col) => {
    if (col < c0 || col > c1) return ranges;
    return mode === "add" ? unionRanges(ranges, [span]) : subtractRanges(ranges, [span]);
  });
}

const STATE_WORD: Record<CellState, string> = { full: "available", partial: "partly available", none: "unavailable" };

/**
 * A week-like grid of half-hour cells to paint availability. Click toggles a cell; press and drag paints
 * (or erases, when the first cell was available) the rectangle between the first cell and the pointer.
 * Keyboard: a single tab stop; arrows move, Home/End jump to the first/last day, PageUp/PageDown move
 * four hours, Space or Enter toggles. Partly covered cells (windows not on the half hour) are kept exact
 * unless painted over.
 */
export function PaintGrid({
  label,
  columns,
  value,
  onChange,
  fromMinute,
  toMinute,
  readOnly = false,
  className,
}: Props) {
  const rows = Math.max(0, Math.floor((toMinute - fromMinute) / CELL_MINUTES));
  const [active, setActive] = useState<Cell>({
    col: 0,
    row: Math.min(rows - 1, Math.max(0, Math.floor((9 * 60 - fromMinute) / CELL_MINUTES))),
  });
  const drag = useRef<Drag | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  const activeCell: Cell = {
    col: Math.min(active.col, columns.length - 1),
    row: Math.min(Math.max(active.row, 0), rows - 1),
  };

  function cellFromPoint(x: number, y: number): Cell | null {
    const el = document.elementFromPoint(x, y)?.closest<HTMLElement>("[data-cell]");
    if (!el || !gridRef.current?.contains(el)) return null;
    return { col: Number(el.dataset.col), row: Number(el.dataset.row) };
  }

  function focusCell(c: Cell) {
    setActive(c);
    gridRef.current?.querySelector<HTMLElement>(`[data-cell][data-col="${c.col}"][data-row="${c.row}"]`)?.focus();
  }

  function toggle(c: Cell) {
    const start = fromMinute + c.row * CELL_MINUTES;
    const ranges = value[c.col] ?? [];
    const mode = cellState(ranges, start) === "full" ? "erase" : "add";
    onChange(applyRect(value, c, c, mode, fromMinute));
  }

  function onPointerDown(e: PointerEvent<HTMLDivElement>) {
    if (readOnly || e.button !== 0) return;
    const el = (e.target as HTMLElement).closest<HTMLElement>("[data-cell]");
    if (!el) return;
    const c = { col: Number(el.dataset.col), row: Number(el.dataset.row) };
    e.preventDefault(); // no text selection while painting
    const start = fromMinute + c.row * CELL_MINUTES;
    const mode = cellState(value[c.col] ?? [], start) === "full" ? "erase" : "add";
    drag.current = { pointerId: e.pointerId, anchor: c, mode, snapshot: value, last: `${c.col}:${c.row}` };
    e.currentTarget.setPointerCapture(e.pointerId);
    focusCell(c);
    onChange(applyRect(value, c, c, mode, fromMinute));
  }

  function onPointerMove(e: PointerEvent<HTMLDivElement>) {
    const d = drag.current;
    if (d?.pointerId !== e.pointerId) return;
    const c = cellFromPoint(e.clientX, e.clientY);
    if (!c) return;
    const key = `${c.col}:${c.row}`;
    if (key === d.last) return;
    d.last = key;
    setActive(c);
    onChange(applyRect(d.snapshot, d.anchor, c, d.mode, fromMinute));
  }

  function endDrag(e: PointerEvent<HTMLDivElement>) {
    if (drag.current?.pointerId !== e.pointerId) return;
    drag.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const c = activeCell;
    let next: Cell | null = null;
    switch (e.key) {
      case "ArrowRight":
        next = { col: Math.min(columns.length - 1, c.col + 1), row: c.row };
        break;
      case "ArrowLeft":
        next = { col: Math.max(0, c.col - 1), row: c.row };
        break;
      case "ArrowDown":
        next = { col: c.col, row: Math.min(rows - 1, c.row + 1) };
        break;
      case "ArrowUp":
        next = { col: c.col, row: Math.max(0, c.row - 1) };
        break;
      case "Home":
        next = { col: 0, row: c.row };
        break;
      case "End":
        next = { col: columns.length - 1, row: c.row };
        break;
      case "PageDown":
        next = { col: c.col, row: Math.min(rows - 1, c.row + 8) };
        break;
      case "PageUp":
        next = { col: c.col, row: Math.max(0, c.row - 8) };
        break;
      case " ":
      case "Enter":
        e.preventDefault();
        if (!readOnly) toggle(c);
        return;
      default:
        return;
    }
    e.preventDefault();
    focusCell(next);
  }

  const hasTags = columns.some((c) => c.tag !== undefined);
  const template = { gridTemplateColumns: `3.25rem repeat(${columns.length}, minmax(2.25rem, 1fr))` };

  return (
    <div
      ref={gridRef}
      role="grid"
      aria-label={label}
      aria-readonly={readOnly || undefined}
      aria-rowcount={rows + 1}
      aria-colcount={columns.length + 1}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onKeyDown={onKeyDown}
      className={cn("relative select-none", className)}
    >
      <div
        role="row"
        aria-rowindex={1}
        className="sticky top-0 z-10 grid border-b border-slate-200 bg-white/95 backdrop-blur"
        style={template}
      >
        <div role="columnheader" className="px-1 py-2 text-[11px] font-medium text-slate-400">
          <span className="sr-only">Time</span>
        </div>
        {columns.map((c) => (
          <div
            key={c.key}
            role="columnheader"
            aria-label={c.sub ? `${c.label}, ${c.sub}` : c.label}
            className="min-w-0 px-0.5 py-2 text-center"
          >
            <div className={cn("text-xs font-semibold", c.today ? "text-brand-700" : "text-slate-700")}>{c.short}</div>
            {c.sub && (
              <div
                className={cn(
                  "mx-auto mt-0.5 inline-flex min-w-7 items-center justify-center rounded-full px-1 text-[11px] leading-5 sm:text-xs",
                  c.today ? "bg-brand-600 font-semibold text-white" : "text-slate-500",
                )}
              >
                {c.sub}
              </div>
            )}
            {/* Always reserve the tag line, so a tag appearing mid-drag doesn't shift the rows. */}
            {hasTags && <div className="mt-1 flex h-5 justify-center">{c.tag}</div>}
          </div>
        ))}
      </div>
      {Array.from({ length: rows }, (_, row) => {
        const start = fromMinute + row * CELL_MINUTES;
        const end = start + CELL_MINUTES;
        const onHour = start % 60 === 0;
        return (
          <div key={row} role="row" aria-rowindex={row + 2} className="grid" style={template}>
            <div
              role="rowheader"
              className={cn(
                "relative pr-1.5 text-right text-[11px] leading-none text-slate-500 tabular-nums",
                onHour && (row === 0 ? "pt-0.5" : "-translate-y-1.5"),
              )}
            >
              <span className={onHour ? undefined : "sr-only"}>{formatTime(start)}</span>
            </div>
            {columns.map((c, col) => {
              const state = cellState(value[col] ?? [], start);
              const isActive = activeCell.col === col && activeCell.row === row;
              return (
                <div
                  key={c.key}
                  role="gridcell"
                  data-cell=""
                  data-col={col}
                  data-row={row}
                  tabIndex={isActive ? 0 : -1}
                  aria-label={`${c.label} ${formatTime(start)}–${formatTime(end)}, ${STATE_WORD[state]}`}
                  aria-selected={state === "full"}
                  onFocus={() => {
                    if (!isActive) setActive({ col, row });
                  }}
                  className={cn(
                    "h-6 touch-none border-l border-slate-200 outline-none focus-visible:relative focus-visible:z-[1] focus-visible:rounded-[3px] focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-brand-700",
                    "border-t",
                    state === "full"
                      ? onHour
                        ? "border-t-white/40"
                        : "border-t-white/15"
                      : onHour
                        ? "border-t-slate-200"
                        : "border-dashed border-t-slate-100",
                    !readOnly && "cursor-pointer",
                    state === "full" &&
                      (c.fromPattern
                        ? "bg-brand-300 bg-[repeating-linear-gradient(135deg,transparent_0_5px,rgb(255_255_255/0.35)_5px_10px)]"
                        : "bg-brand-500"),
                    state === "partial" && "bg-[linear-gradient(to_bottom,var(--color-brand-300)_50%,transparent_50%)]",
                    state === "none" &&
                      (c.muted
                        ? "bg-slate-100"
                        : c.today
                          ? "bg-brand-50/40 hover:bg-brand-100/60"
                          : "bg-white hover:bg-brand-50"),
                    c.muted && state !== "none" && "opacity-50",
                  )}
                />
              );
            })}
          </div>
        );
      })}
      <div className="grid border-t border-slate-200" style={template} aria-hidden="true">
        <div className="-translate-y-1.5 pr-1.5 text-right text-[11px] leading-none text-slate-500 tabular-nums">
          {formatTime(toMinute)}
        </div>
      </div>
    </div>
  );
}

/** Whether any window falls outside [from, to) — then the grid should show the whole day. */
export function hasRangesOutside(days: MinuteRange[][], from: number, to: number): boolean {
  return days.some((d) => d.some((r) => r.start < from || r.end > to));
}

export function rangesEqual(a: readonly MinuteRange[], b: readonly MinuteRange[]): boolean {
  return a.length === b.length && a.every((r, i) => r.start === b[i]?.start && r.end === b[i]?.end);
}
