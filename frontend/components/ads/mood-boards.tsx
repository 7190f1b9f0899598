"use client";

import { Check, Loader2, Palette, RefreshCw } from "lucide-react";

import { StepBar } from "@/components/video/step-status";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Direction, PaintingEstimate } from "@/lib/ad-types";
import { aspectLook } from "@/lib/aspect";
import { cn } from "@/lib/utils";
import type { StepProgress } from "@/lib/video-live";

/**
 * Three style directions side by side — name, keywords, palette, four stills — to pick
 * one of, or "three new directions". Painting (twelve stills) shows its stage and bar live.
 */
export function MoodBoards({
  directions,
  aspect,
  painting,
  choosing,
  progress,
  canPaint,
  estimate,
  locked,
  busy,
  onPaint,
  onChoose,
}: {
  directions: readonly Direction[];
  aspect: string;
  painting: boolean;
  choosing: number | null;
  progress: StepProgress;
  /** Why painting cannot start yet (no product named), or null. */
  canPaint: string | null;
  /** What painting the twelve stills will cost, shown before they are painted. */
  estimate?: PaintingEstimate;
  locked: boolean;
  busy: boolean;
  onPaint: (fresh: boolean) => void;
  onChoose: (index: number) => void;
}) {
  const ratio = aspectLook(aspect).ratio;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Mood boards</h2>
        </CardTitle>
        <CardDescription>
          {directions.length === 0
            ? "Three far-apart style directions for the ad, four stills each. The one you pick is the video's style guide."
            : locked
              ? "The video was made in the chosen direction."
              : "Pick the direction the video should take, or ask for three new ones."}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid grid-cols-1 gap-4">
        {!locked && (
          <div className="flex flex-wrap items-center gap-3">
            <Button
              type="button"
              variant={directions.length === 0 ? "default" : "outline"}
              disabled={busy || canPaint !== null}
              onClick={() => onPaint(directions.length > 0)}
            >
              {painting ? <Loader2 className="animate-spin" aria-hidden /> : directions.length === 0 ? <Palette aria-hidden /> : <RefreshCw aria-hidden />}
              {directions.length === 0 ? "Paint mood boards" : "Three new directions"}
            </Button>
            {canPaint && <span className="text-sm text-muted-foreground">{canPaint}</span>}
            {estimate && <span className="text-sm text-muted-foreground">{paintingCost(estimate)}</span>}
          </div>
        )}
        {painting && (
          <div aria-live="polite">
            <StepBar progress={progress} label="Painting the mood boards" fallback="Painting the mood boards" />
          </div>
        )}
        {directions.length > 0 && (
          <ul className="grid grid-cols-1 gap-4 lg:grid-cols-3" aria-label="Directions" data-testid="moodboards">
            {directions.map((d) => (
              <li
                key={`${d.index}-${d.name}`}
                className={cn("grid content-start gap-3 rounded-xl border p-3", d.chosen && "border-primary bg-primary/5")}
                data-testid="direction"
              >
                <div className="flex items-start justify-between gap-2">
                  <h3 className="font-medium">{d.name}</h3>
                  {d.chosen && <Badge variant="ready">Chosen</Badge>}
                </div>
                <p className="text-sm text-muted-foreground">{d.keywords.join(" · ")}</p>
                <ul className="flex flex-wrap gap-1.5" aria-label={`${d.name} palette`}>
                  {d.palette.map((c, i) => (
                    <li key={`${c}-${i}`} className="flex items-center gap-1 text-xs">
                      <span className="size-5 rounded border" style={{ backgroundColor: c }} aria-hidden />
                      <span className="font-mono text-muted-foreground">{c}</span>
                    </li>
                  ))}
                </ul>
                <ul className="grid grid-cols-2 gap-1.5" aria-label={`${d.name} stills`}>
                  {d.still_urls.map((url, i) => (
                    <li key={i} className={cn("overflow-hidden rounded-md bg-muted", ratio)}>
                      {url ? (
                        // eslint-disable-next-line @next/next/no-img-element -- signed media links, not optimisable
                        <img src={url} alt={`${d.name}, still ${i + 1}`} className="size-full object-cover" loading="lazy" />
                      ) : (
                        <span className="sr-only">Still {i + 1} missing</span>
                      )}
                    </li>
                  ))}
                </ul>
                {!locked && (
                  <Button
                    type="button"
                    variant={d.chosen ? "secondary" : "outline"}
                    aria-pressed={d.chosen}
                    disabled={busy}
                    onClick={() => onChoose(d.index)}
                  >
                    {choosing === d.index ? <Loader2 className="animate-spin" aria-hidden /> : d.chosen ? <Check aria-hidden /> : null}
                    {d.chosen ? `${d.name} chosen` : `Choose ${d.name}`}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

/** "12 stills: about $0.04 (Replicate)", "12 stills: free (local painter)". */
export function paintingCost(estimate: PaintingEstimate): string {
  const who = estimate.providers.join(", ");
  if (estimate.usd === null || estimate.usd === undefined) return `${estimate.stills} stills: ${who} is not configured`;
  if (estimate.usd === 0) return `${estimate.stills} stills: free (${who})`;
  return `${estimate.stills} stills: about $${estimate.usd.toFixed(2)} (${who})`;
}
