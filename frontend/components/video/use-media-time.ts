"use client";

import { useEffect, useRef, useState } from "react";

/**
 * Where an <audio> or <video> is: per frame while it plays (timeupdate alone comes about four
 * times a second, so a playhead would jump and a highlighted clip would lag its cut), on every
 * seek while paused; `seek` moves both.
 */
export function useMediaTime<T extends HTMLMediaElement = HTMLVideoElement>() {
  const media = useRef<T>(null);
  const [current, setCurrent] = useState(0);
  const [playing, setPlaying] = useState(false);

  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    const step = () => {
      if (media.current) setCurrent(media.current.currentTime);
      frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [playing]);

  const seek = (seconds: number) => {
    if (media.current) media.current.currentTime = seconds;
    setCurrent(seconds);
  };

  const read = (e: React.SyntheticEvent<T>) => setCurrent(e.currentTarget.currentTime);
  const bind = {
    ref: media,
    onTimeUpdate: read,
    onSeeked: read,
    onPlay: () => setPlaying(true),
    onPause: () => setPlaying(false),
    onEnded: () => setPlaying(false),
  };
  return { current, seek, bind };
}
