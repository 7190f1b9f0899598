"use client";

import { Loader2, RotateCcw } from "lucide-react";

import { LyricsLane } from "@/components/music/lyrics-lane";
import { Button } from "@/components/ui/button";
import { aspectLook } from "@/lib/aspect";
import type { LyricsInfo } from "@/lib/lyrics";
import { formatTime, percentOf, spanStyle } from "@/lib/music-timeline";
import { mediaSrc } from "@/lib/media";
import { leftText, regenerationsLeft, spanIndexAt } from "@/lib/video-playhead";
import { cn } from "@/lib/utils";

import { useMediaTime } from "./use-media-time";
import type { Production } from "./use-production";

const TINTS = ["bg-primary/20", "bg-haze/20"];

/**
 * The composed video with the song's sections and the clip boundaries drawn under it: the
 * section and clip under the playhead are highlighted (and named in words beside the player),
 * the sung line is highlighted in time, and the clip or section at the playhead can be made
 * again, once each.
 */
export function ReviewPlayer({ production, lyrics }: { production: Production; lyrics: LyricsInfo | null }) {
  const { video, busy } = production;
  const { current, seek, bind } = useMediaTime();
  const output = video.output;
  if (!output) return null;

  const duration = output.duration ?? video.duration;
  const sectionAt = spanIndexAt(video.sections, current);
  const clipAt = spanIndexAt(video.clips, current);
  const section = video.sections[sectionAt];
  const clip = video.clips[clipAt];
  const frozen = video.status === "finalized";
  const clipLeft = clip ? regenerationsLeft(video.regenerated.clips, clip.index) : 0;
  const sectionLeft = section ? regenerationsLeft(video.regenerated.sections, sectionAt) : 0;
  const look = aspectLook(video.aspect);
  const playheadLeft = `${percentOf(current, duration)}%`;

  return (
    <div className="grid grid-cols-1 gap-3" data-testid="review-player">
      <div className={cn("overflow-hidden rounded-xl border bg-black", look.frame)}>
        {/* The song's words, when it has any, are drawn under the player in time. */}
        {/* eslint-disable-next-line jsx-a11y/media-has-caption */}
        <video
          controls
          preload="metadata"
          playsInline
          src={mediaSrc(output.url)}
          className={cn("w-full", look.ratio)}
          aria-label="The composed video"
          data-testid="video-player"
          data-aspect={look.key}
          {...bind}
        />
      </div>
      {/* Drawn for the eyes; the same facts are in words just below. */}
      <div className="relative grid gap-1" aria-hidden data-testid="review-strips">
        <div className="relative h-6">
          {video.sections.map((s, i) => (
            <div
              key={i}
              data-testid="review-section"
              data-current={i === sectionAt || undefined}
              onPointerDown={() => seek(s.start + 0.01)}
              className={cn(
                "absolute inset-y-0 cursor-pointer truncate rounded border px-1 text-[10px] leading-6",
                TINTS[i % 2],
                i === sectionAt ? "border-primary ring-1 ring-primary" : "border-transparent",
              )}
              style={spanStyle(s, duration)}
            >
              {s.label}
            </div>
          ))}
        </div>
        <div className="relative h-4">
          {video.clips.map((c) => (
            <div
              key={c.index}
              data-testid="review-clip"
              data-current={c.index === clip?.index || undefined}
              onPointerDown={() => seek(c.start + 0.01)}
              className={cn(
                "absolute inset-y-0 cursor-pointer border-l border-foreground/40",
                c.status === "failed" && "bg-status-failed/30",
                c.index === clip?.index ? "bg-primary/50" : "bg-muted/60",
              )}
              style={spanStyle(c, duration)}
            />
          ))}
        </div>
        <div className="pointer-events-none absolute inset-y-0 w-px bg-foreground" style={{ left: playheadLeft }} />
      </div>
      <p className="text-sm" data-testid="playhead-facts">
        <span className="font-mono tabular-nums">{formatTime(current)}</span>
        {section && <> · {section.label}</>}
        {clip && (
          <>
            {" "}
            · clip {clip.index + 1} of {video.clips.length}
          </>
        )}
      </p>
      {lyrics && <LyricsLane info={lyrics} duration={duration} current={current} onSeek={seek} />}
      {!frozen && (
        <div className="flex flex-wrap gap-2">
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={!clip || clipLeft === 0 || busy !== null}
            onClick={() => clip && void production.regenerateClip(clip.index)}
            data-testid="regenerate-clip"
          >
            {busy?.what === "regenerate" && busy.index === clip?.index ? <Loader2 className="animate-spin" aria-hidden /> : <RotateCcw aria-hidden />}
            Regenerate this clip{clip ? ` (clip ${clip.index + 1})` : ""}: {leftText(clipLeft)}
          </Button>
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={!section || sectionLeft === 0 || busy !== null}
            onClick={() => section && void production.regenerateSection(sectionAt)}
            data-testid="regenerate-section"
          >
            {busy?.what === "regenerate" && busy.index === -1 - sectionAt ? <Loader2 className="animate-spin" aria-hidden /> : <RotateCcw aria-hidden />}
            Regenerate this section{section ? ` (${section.label})` : ""}: {leftText(sectionLeft)}
          </Button>
        </div>
      )}
    </div>
  );
}
