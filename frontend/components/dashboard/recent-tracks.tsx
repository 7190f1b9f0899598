import { ArrowRight, AudioLines } from "lucide-react";
import Link from "next/link";

import { EmptyState, PanelError } from "@/components/shell/panel-state";
import { TrackRow } from "@/components/tracks/track-row";
import { attempt, getHistory } from "@/lib/api/queries";

const RECENT_COUNT = 6;

export async function RecentTracks() {
  const result = await attempt(() => getHistory(1, null));
  if (!result.ok) return <PanelError title="Recent tracks are unavailable" message={result.message} />;
  const tracks = result.data.items.slice(0, RECENT_COUNT);
  if (tracks.length === 0) {
    return (
      <EmptyState
        icon={AudioLines}
        title="No tracks yet"
        description="Describe a mood on the left and your first ambient track will appear here."
      />
    );
  }
  return (
    <div className="grid gap-2">
      <ul className="grid gap-1" aria-label="Recent tracks">
        {tracks.map((track) => (
          <TrackRow key={track.id} track={track} />
        ))}
      </ul>
      {result.data.total > tracks.length && (
        <Link
          href="/history"
          className="inline-flex items-center gap-1 justify-self-end rounded px-2 py-1 text-sm text-primary outline-none hover:underline focus-visible:ring-[3px] focus-visible:ring-ring"
        >
          All {result.data.total} tracks <ArrowRight className="size-3.5" aria-hidden />
        </Link>
      )}
    </div>
  );
}
