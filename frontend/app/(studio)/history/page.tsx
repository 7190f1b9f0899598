import type { Metadata } from "next";
import { Suspense } from "react";

import { HistoryList } from "@/components/history/history-list";
import { StatusFilter } from "@/components/history/status-filter";
import { PageHeader } from "@/components/shell/page-header";
import { TrackListSkeleton } from "@/components/tracks/track-row";
import { Card, CardContent } from "@/components/ui/card";
import { attempt, getStats } from "@/lib/api/queries";
import { TRACK_STATUSES, type TrackStatus } from "@/lib/api/types";

export const metadata: Metadata = { title: "History" };

function parseStatus(value: string | undefined): TrackStatus | null {
  return TRACK_STATUSES.find((s) => s === value) ?? null;
}

function parsePage(value: string | undefined): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 ? page : 1;
}

async function Filter({ status }: { status: TrackStatus | null }) {
  // Counts are a nicety: without stats the pills still filter.
  const stats = await attempt(getStats);
  return (
    <StatusFilter
      current={status}
      counts={stats.ok ? stats.data.tracks_by_status : null}
      total={stats.ok ? stats.data.total_tracks : null}
    />
  );
}

export default async function HistoryPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string; status?: string }>;
}) {
  const params = await searchParams;
  const status = parseStatus(params.status);
  const page = parsePage(params.page);
  return (
    <>
      <PageHeader title="History" description="Every track in the studio, newest first." />
      <div className="grid gap-4">
        <Suspense fallback={<StatusFilter current={status} counts={null} total={null} />}>
          <Filter status={status} />
        </Suspense>
        <Card className="py-3">
          <CardContent className="px-3">
            <Suspense key={`${status}-${page}`} fallback={<TrackListSkeleton rows={8} />}>
              <HistoryList page={page} status={status} />
            </Suspense>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
