import { ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";

import { Button } from "@/components/ui/button";
import type { TrackStatus } from "@/lib/api/types";

function pageHref(page: number, status: TrackStatus | null): string {
  const params = new URLSearchParams();
  if (status) params.set("status", status);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/history?${query}` : "/history";
}

function PageLink({ page, status, disabled, children, label }: {
  page: number;
  status: TrackStatus | null;
  disabled: boolean;
  children: React.ReactNode;
  label: string;
}) {
  if (disabled) {
    return (
      <Button variant="outline" size="sm" disabled aria-label={label}>
        {children}
      </Button>
    );
  }
  return (
    <Button asChild variant="outline" size="sm">
      <Link href={pageHref(page, status)} aria-label={label}>
        {children}
      </Link>
    </Button>
  );
}

export function Pagination({ page, pages, total, status }: {
  page: number;
  pages: number;
  total: number;
  status: TrackStatus | null;
}) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-4 pt-2">
      <p className="text-sm text-muted-foreground">
        Page <span className="text-foreground tabular-nums">{page}</span> of{" "}
        <span className="tabular-nums">{pages}</span> · {total} tracks
      </p>
      <div className="flex gap-2">
        <PageLink page={page - 1} status={status} disabled={page <= 1} label="Previous page">
          <ChevronLeft aria-hidden /> <span className="max-sm:hidden">Previous</span>
        </PageLink>
        <PageLink page={page + 1} status={status} disabled={page >= pages} label="Next page">
          <span className="max-sm:hidden">Next</span> <ChevronRight aria-hidden />
        </PageLink>
      </div>
    </nav>
  );
}
