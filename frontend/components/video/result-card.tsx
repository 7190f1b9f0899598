"use client";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { LyricsInfo } from "@/lib/lyrics";
import type { YouTubeConnection } from "@/lib/youtube";

import { FinishPanel } from "./finish-panel";
import { ReviewPlayer } from "./review-player";
import type { Production } from "./use-production";

/** The composed video: the player with what can be redone at the playhead, then finishing. */
export function ResultCard({
  title,
  redo,
  production,
  lyrics,
  youtube,
}: {
  title: string;
  /** What the creator may regenerate at the playhead, e.g. "the clip or section". */
  redo: string;
  production: Production;
  lyrics: LyricsInfo | null;
  youtube?: YouTubeConnection | null;
}) {
  const { video } = production;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{title}</h2>
        </CardTitle>
        <CardDescription>
          {video.status === "finalized"
            ? "Finalized: kept as it is."
            : `Play it through; regenerate ${redo} at the playhead if it is not right (once each).`}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid grid-cols-1 gap-5">
        <ReviewPlayer production={production} lyrics={lyrics} />
        <FinishPanel production={production} youtube={youtube} />
      </CardContent>
    </Card>
  );
}
