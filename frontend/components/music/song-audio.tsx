"use client";

import { mediaSrc } from "@/lib/media";

import type { usePlayhead } from "./use-playhead";

/** The song's own player (native controls: keyboard and screen readers know them already). */
export function SongAudio({ src, bind }: { src: string | null; bind: ReturnType<typeof usePlayhead>["bind"] }) {
  if (!src) return <p className="text-sm text-muted-foreground">The song&apos;s file is not available to play.</p>;
  return (
    // The timeline shows where the music is; the song's words, if any, are not known here.
    // eslint-disable-next-line jsx-a11y/media-has-caption
    <audio controls preload="metadata" src={mediaSrc(src)} className="w-full" data-testid="song-audio" {...bind} />
  );
}
