"use client";

import { Pause, Play } from "lucide-react";
import { useEffect, useRef, useState } from "react";

import { Button } from "@/components/ui/button";
import { api } from "@/lib/api/client";
import { formatDuration } from "@/lib/format";
import { mediaSrc } from "@/lib/media";

import { Waveform } from "./waveform";

const WAVEFORM_POINTS = 600;

/** Peaks for the waveform, drawn from the API so the browser never decodes the MP3. */
function usePeaks(trackId: string): number[] | null {
  const [peaks, setPeaks] = useState<number[] | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    api
      .GET("/api/tracks/{track_id}/waveform", {
        params: { path: { track_id: trackId }, query: { points: WAVEFORM_POINTS } },
        signal: controller.signal,
      })
      .then(({ data }) => data && setPeaks(data.peaks))
      .catch(() => undefined); // without peaks the seek bar is a plain line: still usable
    return () => controller.abort();
  }, [trackId]);
  return peaks;
}

/**
 * Play/pause, time and a seekable waveform over a hidden <audio>. `onExpired` is called when
 * the signed URL stops working, so the owner can fetch the track again for a fresh one.
 */
export function AudioPlayer({
  trackId,
  src,
  fallbackDuration,
  onExpired,
}: {
  trackId: string;
  src: string;
  fallbackDuration: number;
  onExpired: () => void;
}) {
  const audio = useRef<HTMLAudioElement>(null);
  const peaks = usePeaks(trackId);
  const [playing, setPlaying] = useState(false);
  const [current, setCurrent] = useState(0);
  const [duration, setDuration] = useState(fallbackDuration);

  // timeupdate fires ~4×/s; follow the playhead per frame while playing so it glides.
  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    const step = () => {
      if (audio.current) setCurrent(audio.current.currentTime);
      frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [playing]);

  const toggle = () => {
    const el = audio.current;
    if (!el) return;
    if (el.paused) void el.play().catch(() => setPlaying(false));
    else el.pause();
  };

  const seek = (seconds: number) => {
    const el = audio.current;
    if (!el) return;
    el.currentTime = seconds;
    setCurrent(seconds);
  };

  return (
    <div className="grid gap-3" data-testid="audio-player">
      {/* Instrumental ambient music, no speech or lyrics: there is nothing to caption. */}
      {/* eslint-disable-next-line jsx-a11y/media-has-caption */}
      <audio
        ref={audio}
        src={mediaSrc(src)}
        preload="metadata"
        data-testid="track-audio"
        onLoadedMetadata={(e) => Number.isFinite(e.currentTarget.duration) && setDuration(e.currentTarget.duration)}
        onTimeUpdate={(e) => setCurrent(e.currentTarget.currentTime)}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
        onError={onExpired}
      />
      <Waveform peaks={peaks} current={current} duration={duration} onSeek={seek} />
      <div className="flex items-center gap-3">
        <Button
          type="button"
          size="icon"
          onClick={toggle}
          aria-label={playing ? "Pause" : "Play"}
          className="size-10 rounded-full"
        >
          {playing ? <Pause className="size-4" /> : <Play className="ml-0.5 size-4" />}
        </Button>
        <p className="font-mono text-sm tabular-nums text-muted-foreground">
          <span className="text-foreground">{formatDuration(current)}</span> / {formatDuration(duration)}
        </p>
      </div>
    </div>
  );
}
