import Link from "next/link";

import { TRACK_STATUSES, type TrackStatus } from "@/lib/api/types";
import { STATUS_LABEL } from "@/lib/track-status";
import { cn } from "@/lib/utils";

/** Filter pills as plain links: shareable URLs, back button works, no client JS. */
export function StatusFilter({
  current,
  counts,
  total,
}: {
  current: TrackStatus | null;
  counts: Partial<Record<string, number>> | null;
  total: number | null;
}) {
  const options: Array<{ status: TrackStatus | null; label: string; count: number | null | undefined }> = [
    { status: null, label: "All", count: total },
    ...TRACK_STATUSES.map((status) => ({ status, label: STATUS_LABEL[status], count: counts?.[status] ?? 0 })),
  ];
  return (
    <nav aria-label="Filter by status" className="-mx-4 overflow-x-auto px-4 pb-1 sm:mx-0 sm:px-0">
      <ul className="flex w-max gap-1.5">
        {options.map(({ status, label, count }) => {
          const active = status === current;
          return (
            <li key={label}>
              <Link
                href={status ? `/history?status=${status}` : "/history"}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-flex items-center gap-1.5 rounded-full border px-3 py-1.5 text-sm text-muted-foreground transition-colors outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring",
                  active && "border-primary/40 bg-primary/10 text-foreground",
                )}
              >
                {label}
                {count != null && <span className="font-mono text-xs tabular-nums opacity-70">{count}</span>}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
