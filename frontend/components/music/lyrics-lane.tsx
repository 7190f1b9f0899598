"use client";

import { useEffect, useRef } from "react";

import { type LyricsInfo, lineAt, lyricsNote, wordAt } from "@/lib/lyrics";
import { formatTime, spanStyle } from "@/lib/music-timeline";
import { cn } from "@/lib/utils";

/**
 * The lyrics under the timeline: every sung line drawn where it falls in time (a picture, hidden
 * from assistive tech), then the same lines as a list of buttons — each moves the playhead to
 * its line, the line being sung is marked `aria-current` and highlighted with its current word,
 * and the list keeps it in view while the song plays. Without lines it says why.
 */
export function LyricsLane({
  info,
  duration,
  current,
  onSeek,
}: {
  info: LyricsInfo;
  duration: number;
  current: number;
  onSeek?: (seconds: number) => void;
}) {
  const note = lyricsNote(info);
  const lines = note === null && info.lyrics ? info.lyrics.segments : [];
  const active = lineAt(lines, current);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (active < 0) return;
    const item = list.current?.querySelector<HTMLElement>(`[data-line="${active}"]`);
    const box = list.current;
    // Scroll the list only (never the page), and only when the line is out of its view.
    if (item && box && (item.offsetTop < box.scrollTop || item.offsetTop + item.offsetHeight > box.scrollTop + box.clientHeight)) {
      box.scrollTop = item.offsetTop - box.clientHeight / 3;
    }
  }, [active]);

  return (
    <section aria-labelledby="lyrics-heading" className="grid grid-cols-1 gap-2" data-testid="lyrics">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="lyrics-heading" className="text-sm font-medium">
          Lyrics
        </h2>
        {info.lyrics && lines.length > 0 && (
          <span className="text-xs text-muted-foreground">
            {info.lyrics.language ? `${info.lyrics.language} · ` : ""}heard by {info.lyrics.provider}
          </span>
        )}
      </div>
      {note !== null ? (
        <p className={cn("text-sm", info.status === "failed" ? "text-warning" : "text-muted-foreground")} data-testid="lyrics-note">
          {note}
        </p>
      ) : (
        <>
          <div aria-hidden className="relative h-6 overflow-hidden rounded border bg-background/40" data-testid="lyrics-lane">
            {lines.map((line, i) => (
              <div
                key={`${line.start}-${i}`}
                className={cn(
                  "absolute inset-y-1 truncate rounded-sm px-1 text-[10px] leading-4",
                  i === active ? "bg-primary text-primary-foreground" : "bg-primary/15 text-foreground/80",
                )}
                style={spanStyle(line, duration)}
              >
                {line.text}
              </div>
            ))}
          </div>
          <ol ref={list} aria-label="Lyric lines" className="relative grid max-h-56 grid-cols-1 gap-0.5 overflow-y-auto pr-1">
            {lines.map((line, i) => {
              const sung = i === active;
              const word = sung ? wordAt(line, current) : -1;
              return (
                <li key={`${line.start}-${i}`} data-line={i}>
                  <button
                    type="button"
                    aria-current={sung ? "true" : undefined}
                    disabled={!onSeek}
                    onClick={() => onSeek?.(line.start)}
                    className={cn(
                      "flex w-full items-baseline gap-3 rounded px-2 py-1 text-left text-sm transition-colors",
                      "focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
                      sung ? "bg-primary/12 font-medium" : "hover:bg-muted/60",
                    )}
                  >
                    <span className="w-12 shrink-0 font-mono text-xs text-muted-foreground tabular-nums">{formatTime(line.start)}</span>
                    <span>
                      {line.words.length > 0
                        ? line.words.map((w, k) => (
                            <span key={`${k}-${w.word}`} className={cn(k === word && "text-primary underline underline-offset-4")}>
                              {k > 0 ? " " : ""}
                              {w.word}
                            </span>
                          ))
                        : line.text}
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
