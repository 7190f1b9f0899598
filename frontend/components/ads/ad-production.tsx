"use client";

import { Images, Loader2 } from "lucide-react";
import { useEffect, useState } from "react";

import { RenderPanel } from "@/components/video/render-panel";
import { ResultCard } from "@/components/video/result-card";
import { ProductionStatus, StepBar } from "@/components/video/step-status";
import { StoryboardGrid } from "@/components/video/storyboard-grid";
import { useProduction } from "@/components/video/use-production";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema.gen";
import { formatUsd } from "@/lib/format";
import { type ProductionVideo, reached } from "@/lib/video-types";
import type { YouTubeConnection } from "@/lib/youtube";

type Estimate = components["schemas"]["Estimate"];

/**
 * The ad video's production, from the music video's own parts: storyboard (approve or
 * repaint each still), clips and composition, the player, finalize and share. What the ad
 * adds: the scene plan is already made from the brief, so the first step is painting its
 * stills, and the cost of what is still to make is shown before stills and before clips.
 */
export function AdProduction({
  initial,
  initialEstimate,
  youtube = null,
}: {
  initial: ProductionVideo;
  initialEstimate: Estimate | null;
  youtube?: YouTubeConnection | null;
}) {
  const production = useProduction(initial);
  const { video, outcome, busy, progress } = production;
  const [estimate, setEstimate] = useState(initialEstimate);

  // What is left to pay for changes with each step: read again when the status moves.
  useEffect(() => {
    let gone = false;
    void api
      .GET("/api/videos/{video_id}/estimate", { params: { path: { video_id: video.id } } })
      .then((r) => !gone && r.data && setEstimate(r.data))
      .catch(() => undefined);
    return () => {
      gone = true;
    };
  }, [video.id, video.status]);

  const painted = video.scenes.some((s) => s.still_url);
  const beforeClips = !reached(video.status, "composed");

  return (
    <section aria-label="Production" className="grid grid-cols-1 gap-6" data-testid="ad-production">
      <ProductionStatus video={video} outcome={outcome}>
        {estimate && beforeClips && (
          <span className="text-muted-foreground" data-testid="video-estimate">
            Still to make: {estimate.lines.length === 0 ? "nothing paid" : estimate.lines.map((l) => `${l.count} ${l.what} ${formatUsd(l.usd)}`).join(", ")}
            {estimate.lines.length > 0 && ` (about ${formatUsd(estimate.total_usd)})`}
          </span>
        )}
      </ProductionStatus>
      {!painted && (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Storyboard</h2>
            </CardTitle>
            <CardDescription>
              {video.clips.length} scenes planned on the music&apos;s beat. One still is painted per scene in the chosen style; fix
              the look here, before any motion is made.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid grid-cols-1 gap-3">
            <Button type="button" className="justify-self-start" disabled={busy !== null} onClick={() => void production.storyboard(false)}>
              {busy?.what === "storyboard" ? <Loader2 className="animate-spin" aria-hidden /> : <Images aria-hidden />}
              Paint the storyboard
            </Button>
            {busy?.what === "storyboard" && (
              <div aria-live="polite">
                <StepBar progress={progress} label="Painting the storyboard" fallback="Painting the stills" />
              </div>
            )}
          </CardContent>
        </Card>
      )}
      <StoryboardGrid production={production} />
      <RenderPanel production={production} />
      {video.output && <ResultCard title="The ad" redo="the clip" production={production} lyrics={null} youtube={youtube} />}
    </section>
  );
}
