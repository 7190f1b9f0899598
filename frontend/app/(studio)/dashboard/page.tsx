import type { Metadata } from "next";
import { Suspense } from "react";

import { GenerateForm } from "@/components/dashboard/generate-form";
import { RecentTracks } from "@/components/dashboard/recent-tracks";
import { StatsPanel, StatsPanelSkeleton } from "@/components/dashboard/stats-panel";
import { PageHeader } from "@/components/shell/page-header";
import { TrackListSkeleton } from "@/components/tracks/track-row";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Dashboard" };

export default function DashboardPage() {
  return (
    <>
      <PageHeader title="Studio" description="Turn a prompt into ambient music, cover art and a finished video." />
      <div className="grid gap-6">
        <Suspense fallback={<StatsPanelSkeleton />}>
          <StatsPanel />
        </Suspense>
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
          <Card>
            <CardHeader>
              <CardTitle>New track</CardTitle>
              <CardDescription>Music and cover art in one step, usually within seconds.</CardDescription>
            </CardHeader>
            <CardContent>
              <GenerateForm />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Recent tracks</CardTitle>
              <CardDescription>Newest first.</CardDescription>
            </CardHeader>
            <CardContent className="px-3">
              <Suspense fallback={<TrackListSkeleton rows={4} />}>
                <RecentTracks />
              </Suspense>
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
