"use client";

import { useMediaTime } from "@/components/video/use-media-time";

/** The song's <audio> and where it is (see useMediaTime). */
export function usePlayhead() {
  return useMediaTime<HTMLAudioElement>();
}
