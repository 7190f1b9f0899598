"use client";

import { useRef } from "react";

import { type Span, energyPath, percentOf, spanStyle, timeAtPointer } from "@/lib/music-timeline";
import { cn } from "@/lib/utils";

export interface TimelineSection extends Span {
  label: string;
}

// Alternating tints so neighbouring sections read apart even when they share a label.
const BAND_TINTS = ["bg-primary/12", "bg-haze/14"];

/**
 * The song drawn along time: the energy per beat as its shape (no audio is decoded for this),
 * beat ticks, stronger downbeat ticks, section bands with their labels, and the playhead.
 * Pointer users click to move the playhead; the graphics are hidden from assistive tech, and
 * `children` (boundary sliders) sit on top in the same coordinates.
 */
export function Timeline({
  duration,
  beats,
  downbeats,
  energyBeats,
  energy,
  sections,
  playhead,
  onSeek,
  children,
  className,
}: {
  duration: number;
  beats: readonly number[];
  downbeats: readonly number[];
  /** The beats the energy values belong to (the analysis's own, which grid edits do not move). */
  energyBeats: readonly number[];
  energy: readonly number[];
  sections: readonly TimelineSection[];
  playhead: number;
  onSeek?: (seconds: number) => void;
  children?: React.ReactNode;
  className?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const shape = energyPath(energyBeats, energy, duration);
  const x = (t: number) => (percentOf(t, duration) * 10).toFixed(2);
  const beatTicks = beats.map((t) => `M${x(t)} 78V100`).join("");
  const barTicks = downbeats.map((t) => `M${x(t)} 55V100`).join("");

  return (
    <div ref={box} data-testid="timeline" className={cn("relative h-36 select-none", className)}>
      <div
        aria-hidden
        className={cn("absolute inset-0 overflow-hidden rounded-lg border bg-background/40", onSeek && "cursor-pointer")}
        onPointerDown={(e) => {
          const rect = box.current?.getBoundingClientRect();
          if (onSeek && rect) onSeek(timeAtPointer(e.clientX, rect.left, rect.width, duration));
        }}
      >
        {sections.map((s, i) => (
          <div
            key={`${s.start}-${i}`}
            data-testid="section-band"
            className={cn("absolute inset-y-0 border-l border-foreground/15", BAND_TINTS[i % 2])}
            style={spanStyle(s, duration)}
          >
            <span className="absolute top-1 left-1.5 max-w-[calc(100%-0.5rem)] truncate rounded bg-background/70 px-1 text-[11px] font-medium">
              {s.label}
            </span>
          </div>
        ))}
        <svg viewBox="0 0 1000 100" preserveAspectRatio="none" className="absolute inset-0 size-full">
          <defs>
            <linearGradient id="music-energy" x1="0" x2="0" y1="0" y2="1">
              <stop offset="0%" stopColor="var(--color-primary)" stopOpacity="0.55" />
              <stop offset="100%" stopColor="var(--color-haze)" stopOpacity="0.1" />
            </linearGradient>
          </defs>
          {shape && <path d={shape} fill="url(#music-energy)" stroke="var(--color-primary)" strokeWidth="1" vectorEffect="non-scaling-stroke" />}
          <path d={beatTicks} stroke="currentColor" className="text-muted-foreground/45" strokeWidth="1" vectorEffect="non-scaling-stroke" />
          <path d={barTicks} stroke="currentColor" className="text-foreground/70" strokeWidth="2" vectorEffect="non-scaling-stroke" />
        </svg>
        <div
          data-testid="playhead"
          className="pointer-events-none absolute inset-y-0 w-0.5 bg-primary shadow-[0_0_10px_var(--color-primary)]"
          style={{ left: `calc(${percentOf(playhead, duration)}% - 1px)` }}
        />
      </div>
      {children}
    </div>
  );
}
