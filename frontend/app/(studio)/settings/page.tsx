import type { Metadata } from "next";
import { Suspense } from "react";

import { HealthPanel } from "@/components/settings/health-panel";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { getMe } from "@/lib/api/queries";
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

export default function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="Your account and the health of the studio server." />
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
