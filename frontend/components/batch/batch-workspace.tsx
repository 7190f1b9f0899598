"use client";

import { ArrowUpRight, Layers } from "lucide-react";
import Link from "next/link";
import { useRef } from "react";

import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Batch, BatchCreate } from "@/lib/api/types";
import { BATCH_MAX } from "@/lib/batch";
import type { YouTubeConnection } from "@/lib/youtube";

import { BatchForm } from "./batch-form";
import { BatchView } from "./batch-view";
import { useBatchRun } from "./use-batch-run";

/**
 * The batch page's live part: the form, and the batch it started (or the one found running
 * when the page loaded) followed to the end.
 */
export function BatchWorkspace({ youtube, running }: { youtube: YouTubeConnection | null; running: Batch | null }) {
  const { batch, pending, detached, start, retry } = useBatchRun(running);
  const progress = useRef<HTMLDivElement>(null);
  const busy = pending !== null || batch?.status === "processing";

  const begin = (body: BatchCreate & { id: string }) => {
    const started = start(body);
    // On a phone the progress is below the fold: bring it up as the batch starts.
    requestAnimationFrame(() => progress.current?.scrollIntoView({ behavior: "smooth", block: "start" }));
    return started;
  };

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>New batch</CardTitle>
          <CardDescription>Up to {BATCH_MAX} prompts, made one after another in a single run.</CardDescription>
        </CardHeader>
        <CardContent>
          <BatchForm youtube={youtube} busy={busy} onStart={begin} />
        </CardContent>
      </Card>

      {batch && (
        <Card ref={progress} className="scroll-mt-20" data-testid="current-batch">
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              <Layers className="size-4 text-primary" aria-hidden />
              {batch.status === "processing" ? "Running now" : "Latest batch"}
            </CardTitle>
            <CardDescription>
              {batch.status === "processing"
                ? "Keep this page open or come back later: the batch runs on the server either way."
                : "Every finished track is also in History."}
            </CardDescription>
            <CardAction>
              <Link
                href={`/batch/${batch.id}`}
                className="inline-flex items-center gap-1 rounded px-1 text-sm text-primary outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring"
              >
                Batch page <ArrowUpRight className="size-3.5" aria-hidden />
              </Link>
            </CardAction>
          </CardHeader>
          <CardContent>
            <BatchView batch={batch} pending={pending} detached={detached} onRetry={retry} />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
