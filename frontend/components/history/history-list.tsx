import { AudioLines, Filter } from "lucide-react";

import { EmptyState, PanelError } from "@/components/shell/panel-state";
import { TrackRow } from "@/components/tracks/track-row";
import { attempt, getHistory } from "@/lib/api/queries";
import type { TrackStatus } from "@/lib/api/types";
import { STATUS_LABEL } from "@/lib/track-status";

import { Pagination } from "./pagination";

export async function HistoryList({ page, status }: { page: number; status: TrackStatus | null }) {
  const result = await attempt(() => getHistory(page, status));
  if (!result.ok) return <PanelError title="History is unavailable" message={result.message} />;
  const { items, pages, total } = result.data;

  if (items.length === 0 && total > 0) {
    return (
      <EmptyState
        icon={Filter}
        title={`There is no page ${page}`}
        description={`${total} tracks fit on ${pages} ${pages === 1 ? "page" : "pages"}.`}
        action={{ href: status ? `/history?status=${status}` : "/history", label: "Back to the first page" }}
      />
    );
  }
  if (items.length === 0) {
    return status ? (
      <EmptyState
        icon={Filter}
        title={`No ${STATUS_LABEL[status].toLowerCase()} tracks`}
        description="Nothing has this status right now."
        action={{ href: "/history", label: "Show all tracks" }}
      />
    ) : (
      <EmptyState
        icon={AudioLines}
        title="Your library is empty"
        description="Every track you generate is kept here, newest first."
        action={{ href: "/dashboard", label: "Generate a track" }}
      />
    );
  }

  return (
    <div className="grid gap-3">
      <ul className="grid gap-1" aria-label="Tracks" data-testid="history-list">
        {items.map((track) => (
          <TrackRow key={track.id} track={track} />
        ))}
      </ul>
      <Pagination page={page} pages={pages} total={total} status={status} />
    </div>
  );
}
