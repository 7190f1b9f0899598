"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import type { Track } from "@/lib/api/types";
import { isBusy } from "@/lib/track-status";

import { StatusBadge } from "./status-badge";
import { newerTrack, useTrackPoll } from "./use-track-poll";

/**
 * The status badge of a track in a list. Static for a settled track; for one whose step is
 * running it follows the server and, once the step ends, refreshes the list around it.
 */
export function LiveStatus({ track: fromServer, className }: { track: Track; className?: string }) {
  const router = useRouter();
  const [polled, setPolled] = useState<Track | null>(null);
  // Props win when a refresh brings something newer than the last poll.
  const track = polled ? newerTrack(fromServer, polled) : fromServer;
  useTrackPoll(track.id, isBusy(track.status), (next) => {
    setPolled(next);
    if (!isBusy(next.status)) router.refresh();
  });
  return <StatusBadge status={track.status} progress={track.progress} className={className} />;
}
