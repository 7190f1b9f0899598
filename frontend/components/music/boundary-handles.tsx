"use client";

import { useRef, useState } from "react";

import { type BeatGrid, barNumber, boundaryKeyMove, boundaryRange, formatTime, percentOf, snapTime, timeAtPointer } from "@/lib/music-timeline";
import type { Section } from "@/lib/music-types";
import { cn } from "@/lib/utils";

function round(t: number): number {
  return Math.round(t * 1000) / 1000;
}

/**
 * One slider per inner section boundary (the start of every section after the first), over
 * the timeline. Arrows move it a beat, Page keys a bar, Home/End to the ends it may reach;
 * dragging previews the bar line (any beat with Shift) it will snap to, and letting go asks
 * the server, whose snapped answer is then drawn.
 */
export function BoundaryHandles({
  grid,
  sections,
  duration,
  disabled,
  onMove,
}: {
  grid: BeatGrid;
  sections: readonly Section[];
  duration: number;
  disabled: boolean;
  onMove: (index: number, at: number, anyBeat: boolean) => void;
}) {
  const layer = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ index: number; at: number; anyBeat: boolean } | null>(null);

  const pointerTime = (clientX: number) => {
    const rect = layer.current?.getBoundingClientRect();
    return rect ? timeAtPointer(clientX, rect.left, rect.width, duration) : 0;
  };

  return (
    <div ref={layer} className="pointer-events-none absolute inset-0">
      {sections.slice(1).map((section) => {
        const index = section.index;
        const range = boundaryRange(sections, index);
        if (!range) return null;
        const shown = drag?.index === index ? drag.at : section.start;
        const bar = barNumber(grid.downbeats, section.start);
        return (
          <div
            key={index}
            role="slider"
            tabIndex={0}
            aria-label={`Start of section ${index + 1} (${section.label})`}
            aria-valuemin={round(range.start)}
            aria-valuemax={round(range.end)}
            aria-valuenow={round(section.start)}
            aria-valuetext={`${formatTime(section.start)}${bar ? `, bar ${bar}` : ""}`}
            aria-disabled={disabled || undefined}
            data-testid="boundary"
            className={cn(
              "pointer-events-auto absolute inset-y-0 -ml-2 flex w-4 cursor-ew-resize touch-none justify-center rounded outline-none focus-visible:ring-[3px] focus-visible:ring-ring",
              drag?.index === index && "z-10",
            )}
            style={{ left: `${percentOf(shown, duration)}%` }}
            onKeyDown={(event) => {
              if (disabled) return;
              const move = boundaryKeyMove(grid, sections, index, event.key);
              if (!move && !["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End"].includes(event.key)) return;
              event.preventDefault();
              if (move) onMove(index, move.at, move.anyBeat);
            }}
            onPointerDown={(event) => {
              if (disabled) return;
              event.currentTarget.setPointerCapture(event.pointerId);
              setDrag({ index, at: section.start, anyBeat: event.shiftKey });
            }}
            onPointerMove={(event) => {
              if (drag?.index !== index) return;
              const t = Math.min(range.end, Math.max(range.start, pointerTime(event.clientX)));
              setDrag({ index, at: snapTime(grid, t, event.shiftKey), anyBeat: event.shiftKey });
            }}
            onPointerUp={() => {
              if (drag?.index !== index) return;
              setDrag(null);
              if (Math.abs(drag.at - section.start) > 0.001) onMove(index, drag.at, drag.anyBeat);
            }}
            onPointerCancel={() => setDrag(null)}
          >
            <span className="h-full w-1 rounded-full bg-foreground/80 shadow-[0_0_0_1px_var(--color-background)]" />
            <span className="absolute -bottom-1 size-3 rounded-full border-2 border-background bg-primary" />
          </div>
        );
      })}
    </div>
  );
}
