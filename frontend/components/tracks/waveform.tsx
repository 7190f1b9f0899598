"use client";

import { useRef, useState } from "react";

import { formatDuration } from "@/lib/format";
import { cn } from "@/lib/utils";

const KEY_STEPS: Record<string, number> = { ArrowLeft: -5, ArrowRight: 5, PageDown: -30, PageUp: 30 };

/**
 * Bars as one SVG path: 600 rects would be 600 DOM nodes, a path is one. Peaks are scaled to
 * the loudest one, so a quiet ambient track still fills the height and shows its shape.
 */
function barsPath(peaks: number[]): string {
  const loudest = Math.max(...peaks, 0.05);
  return peaks
    .map((peak, i) => {
      const h = Math.max(1.5, Math.min(1, Math.max(0, peak) / loudest) * 92);
      return `M${i + 0.2} ${50 - h / 2}h0.6v${h}h-0.6z`;
    })
    .join("");
}

/**
 * The track's waveform as a seek bar: click or drag to jump, arrow keys for ±5 s,
 * Page keys for ±30 s, Home/End. `peaks` null while loading shows a calm flat line.
 */
export function Waveform({
  peaks,
  current,
  duration,
  onSeek,
  className,
}: {
  peaks: number[] | null;
  current: number;
  duration: number;
  onSeek: (seconds: number) => void;
  className?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<number | null>(null);
  const dragging = useRef(false);
  const played = duration > 0 ? Math.min(1, Math.max(0, current / duration)) : 0;
  const bars = peaks && peaks.length > 0 ? peaks : null;
  const path = bars ? barsPath(bars) : "";
  const width = bars ? bars.length : 100;

  const fractionAt = (clientX: number) => {
    const rect = box.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return 0;
    return Math.min(1, Math.max(0, (clientX - rect.left) / rect.width));
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    let target: number | null = null;
    if (event.key in KEY_STEPS) target = current + (KEY_STEPS[event.key] ?? 0);
    else if (event.key === "Home") target = 0;
    else if (event.key === "End") target = duration;
    if (target === null) return;
    event.preventDefault();
    onSeek(Math.min(duration, Math.max(0, target)));
  };

  return (
    <div
      ref={box}
      role="slider"
      tabIndex={0}
      aria-label="Seek"
      aria-valuemin={0}
      aria-valuemax={Math.round(duration)}
      aria-valuenow={Math.round(current)}
      aria-valuetext={`${formatDuration(current)} of ${formatDuration(duration)}`}
      data-testid="waveform"
      className={cn("focus-ring relative h-20 cursor-pointer touch-none rounded-md select-none", className)}
      onKeyDown={onKeyDown}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        onSeek(fractionAt(e.clientX) * duration);
      }}
      onPointerMove={(e) => {
        const f = fractionAt(e.clientX);
        setHover(f);
        if (dragging.current) onSeek(f * duration);
      }}
      onPointerUp={() => {
        dragging.current = false;
      }}
      onPointerLeave={() => setHover(null)}
    >
      {bars ? (
        <>
          <svg viewBox={`0 0 ${width} 100`} preserveAspectRatio="none" className="absolute inset-0 size-full" aria-hidden>
            <path d={path} className="fill-muted-foreground/30" />
          </svg>
          <svg
            viewBox={`0 0 ${width} 100`}
            preserveAspectRatio="none"
            className="absolute inset-0 size-full"
            style={{ clipPath: `inset(0 ${(1 - played) * 100}% 0 0)` }}
            aria-hidden
          >
            <defs>
              <linearGradient id="wave-played" x1="0" x2="1" y1="0" y2="0">
                <stop offset="0%" stopColor="var(--color-primary)" />
                <stop offset="100%" stopColor="var(--color-haze)" />
              </linearGradient>
            </defs>
            <path d={path} fill="url(#wave-played)" />
          </svg>
        </>
      ) : (
        <div className="absolute inset-x-0 top-1/2 h-px -translate-y-1/2 animate-pulse bg-muted-foreground/30" aria-hidden>
          <div className="h-full bg-primary" style={{ width: `${played * 100}%` }} />
        </div>
      )}
      {hover !== null && (
        <div
          aria-hidden
          className="pointer-events-none absolute inset-y-1 w-px bg-foreground/40"
          style={{ left: `${hover * 100}%` }}
        />
      )}
      <div
        aria-hidden
        className="pointer-events-none absolute inset-y-0 w-0.5 rounded-full bg-primary shadow-[0_0_10px_var(--color-primary)]"
        style={{ left: `calc(${played * 100}% - 1px)` }}
      />
    </div>
  );
}
