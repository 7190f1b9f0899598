import type { Metadata } from "next";
import { Suspense } from "react";

import { BriefList, BriefListSkeleton } from "@/components/ads/brief-list";
import { NewBriefButton } from "@/components/ads/new-brief-button";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Ads" };

export default function AdsPage() {
  return (
    <>
      <PageHeader title="Ads" description="From a brief to a 15–60 s ad or promo: chat, mood boards, storyboard, video.">
        <NewBriefButton />
      </PageHeader>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Briefs</h2>
          </CardTitle>
          <CardDescription>Newest first. Open one to go on where you stopped.</CardDescription>
        </CardHeader>
        <CardContent>
          <Suspense fallback={<BriefListSkeleton />}>
            <BriefList />
          </Suspense>
        </CardContent>
      </Card>
    </>
  );
}
