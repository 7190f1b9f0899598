"use client";

import { useEffect, useRef, useState } from "react";

/**
 * The song's <audio> and where it is: `current` follows the audio per frame while it plays
 * (timeupdate alone comes about four times a second, which makes the playhead jump), and
 * `seek` moves both.
 */
export function usePlayhead() {
  const audio = useRef<HTMLAudioElement>(null);
  const [current, setCurrent] = useState(0);
  const [playing, setPlaying] = useState(false);

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

  const seek = (seconds: number) => {
    if (audio.current) audio.current.currentTime = seconds;
    setCurrent(seconds);
  };

  const bind = {
    ref: audio,
    onTimeUpdate: (e: React.SyntheticEvent<HTMLAudioElement>) => setCurrent(e.currentTarget.currentTime),
    onPlay: () => setPlaying(true),
    onPause: () => setPlaying(false),
    onEnded: () => setPlaying(false),
  };

  return { current, seek, bind };
}
