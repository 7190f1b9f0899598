import { PanelError } from "@/components/shell/panel-state";
import { Skeleton } from "@/components/ui/skeleton";
import { getEstimate } from "@/lib/ad-queries";
import { attempt, getYouTubeStatus } from "@/lib/api/queries";
import { getVideo } from "@/lib/music-queries";
import { youtubeConnection } from "@/lib/youtube";

import { AdProduction } from "./ad-production";

/** The brief's video, read on the server, handed to the production steps. */
export async function AdVideoPanel({ id }: { id: string }) {
  const [video, estimate, status] = await Promise.all([
    attempt(() => getVideo(id)),
    attempt(() => getEstimate(id)),
    attempt(getYouTubeStatus),
  ]);
  if (!video.ok) return <PanelError title="The ad video could not be loaded" message={video.message} />;
  return (
    <AdProduction
      key={video.data.id}
      initial={video.data}
      initialEstimate={estimate.ok ? estimate.data : null}
      youtube={status.ok ? youtubeConnection(status.data) : null}
    />
  );
}

export function AdVideoSkeleton() {
  return (
    <div className="grid gap-4" aria-busy="true" aria-label="Loading the video">
      <Skeleton className="h-6 w-48" />
      <Skeleton className="h-64 w-full rounded-xl" />
    </div>
  );
}
