import type { Metadata } from "next";
import { Suspense } from "react";

import { BatchHistory, BatchHistorySkeleton } from "@/components/batch/batch-history";
import { BatchWorkspace } from "@/components/batch/batch-workspace";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { attempt, getBatch, getBatches, getYouTubeStatus } from "@/lib/api/queries";
import { youtubeConnection } from "@/lib/youtube";

export const metadata: Metadata = { title: "Batch" };

/** A batch still running (started before a reload, or in another tab) is followed here too. */
async function runningBatch() {
  const batches = await attempt(getBatches);
  const running = batches.ok ? batches.data.find((b) => b.status === "processing") : undefined;
  if (!running) return null;
  const batch = await attempt(() => getBatch(running.id));
  return batch.ok ? batch.data : null;
}

export default async function BatchPage() {
  const [status, running] = await Promise.all([attempt(getYouTubeStatus), runningBatch()]);
  return (
    <>
      <PageHeader title="Batch" description="Up to ten prompts in one go, made in order, each to a finished track." />
      <div className="grid gap-6">
        <BatchWorkspace youtube={status.ok ? youtubeConnection(status.data) : null} running={running} />
        <Card>
          <CardHeader>
            <CardTitle>Past batches</CardTitle>
            <CardDescription>The 20 most recent, newest first.</CardDescription>
          </CardHeader>
          <CardContent className="px-3">
            <Suspense fallback={<BatchHistorySkeleton />}>
              <BatchHistory />
            </Suspense>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
