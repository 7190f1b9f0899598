import { Film } from "lucide-react";
import type { Metadata } from "next";
import { Suspense } from "react";

import { EmptyState } from "@/components/shell/panel-state";
import { PageHeader } from "@/components/shell/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { VideoCard } from "@/components/video/video-card";
import { getBriefs } from "@/lib/ad-queries";
import { attempt } from "@/lib/api/queries";
import { briefsByVideo, videoHref } from "@/lib/library";
import { getVideos } from "@/lib/music-queries";

export const metadata: Metadata = { title: "Library" };

async function Videos() {
  const [{ items }, briefs] = await Promise.all([getVideos(), attempt(getBriefs)]);
  // Without the briefs an ad's card is shown but not linked: its page is its brief's.
  const byVideo = briefsByVideo(briefs.ok ? briefs.data.items : []);
  if (items.length === 0) {
    return (
      <EmptyState
        icon={Film}
        title="No videos yet"
        description="Make one from a song (upload it, let it be analysed, then create a video) or from an ad brief."
        action={{ href: "/music", label: "Go to Music video" }}
      />
    );
  }
  return (
    <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label="Videos" data-testid="library">
      {items.map((video) => (
        <VideoCard key={video.id} video={video} href={videoHref(video, byVideo)} />
      ))}
    </ul>
  );
}

function VideosSkeleton() {
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-busy="true" aria-label="Loading the videos">
      {[0, 1, 2].map((i) => (
        <Skeleton key={i} className="aspect-video w-full rounded-xl" />
      ))}
    </div>
  );
}

/** Every video made in the studio, newest first: open it, or delete it and free its storage. */
export default function LibraryPage() {
  return (
    <>
      <PageHeader title="Library" description="Every video, music videos and ads, newest first: its kind, state, length and size." />
      <Suspense fallback={<VideosSkeleton />}>
        <Videos />
      </Suspense>
    </>
  );
}
