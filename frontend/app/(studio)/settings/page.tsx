import type { Metadata } from "next";
import { Suspense } from "react";

import { HealthPanel } from "@/components/settings/health-panel";
import { type ConnectNotice, YouTubeCard } from "@/components/settings/youtube-card";
import { PanelError } from "@/components/shell/panel-state";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { attempt, getMe, getYouTubeStatus } from "@/lib/api/queries";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Settings" };

async function Account() {
  const user = await getMe();
  return (
    <dl className="grid gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
      <dt className="text-muted-foreground">Email</dt>
      <dd>{user.email}</dd>
      <dt className="text-muted-foreground">Member since</dt>
      <dd>{formatDateTime(user.created_at)}</dd>
    </dl>
  );
}

type Params = { youtube?: string; reason?: string; message?: string };

/** Google's answer, as the API's OAuth callback passed it on in the query string. */
function connectNotice(params: Params): ConnectNotice | null {
  if (params.youtube === "connected") return { kind: "connected" };
  if (params.youtube === "error") return { kind: "error", reason: params.reason ?? null, message: params.message ?? null };
  return null;
}

async function YouTube({ notice }: { notice: ConnectNotice | null }) {
  const result = await attempt(getYouTubeStatus);
  if (!result.ok) return <PanelError title="YouTube status is unavailable" message={result.message} />;
  return <YouTubeCard initial={result.data} notice={notice} />;
}

export default async function SettingsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const notice = connectNotice(await searchParams);
  return (
    <>
      <PageHeader title="Settings" description="Your account, YouTube publishing and the health of the studio server." />
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Account</CardTitle>
            <CardDescription>The studio has a single creator account, created on the server.</CardDescription>
          </CardHeader>
          <CardContent>
            <Suspense fallback={<Skeleton className="h-10 w-72" />}>
              <Account />
            </Suspense>
          </CardContent>
        </Card>
        <Suspense fallback={<Skeleton className="h-56 rounded-xl" />}>
          <YouTube notice={notice} />
        </Suspense>
        <Suspense
          fallback={
            <div className="grid gap-6 md:grid-cols-2">
              <Skeleton className="h-64 rounded-xl" />
              <Skeleton className="h-64 rounded-xl" />
            </div>
          }
        >
          <HealthPanel />
        </Suspense>
      </div>
    </>
  );
}
