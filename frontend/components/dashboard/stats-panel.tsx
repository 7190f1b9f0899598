import { AlertTriangle, CalendarRange, CircleDollarSign, HardDrive, Library } from "lucide-react";

import { PanelError } from "@/components/shell/panel-state";
import { Progress } from "@/components/ui/progress";
import { attempt, getStats } from "@/lib/api/queries";
import { type Stats, TRACK_STATUSES } from "@/lib/api/types";
import { clampPercent, formatBytes, formatUsd, humanize } from "@/lib/format";
import { STATUS_LABEL, STATUS_TONE } from "@/lib/track-status";
import { cn } from "@/lib/utils";

import { StatCard, StatCardSkeleton } from "./stat-card";

const QUOTA_WARNING_PERCENT = 80;

const TONE_BG = {
  busy: "bg-status-busy",
  ready: "bg-status-ready",
  done: "bg-status-done",
  published: "bg-status-published",
  failed: "bg-status-failed",
} as const;

function LibraryBreakdown({ stats }: { stats: Stats }) {
  const entries = TRACK_STATUSES.map((s) => [s, stats.tracks_by_status[s] ?? 0] as const).filter(([, n]) => n > 0);
  if (entries.length === 0) return <>No tracks yet</>;
  return (
    <div className="grid gap-2">
      <div className="flex h-1.5 overflow-hidden rounded-full bg-muted" aria-hidden>
        {entries.map(([status, n]) => (
          <span
            key={status}
            className={TONE_BG[STATUS_TONE[status]]}
            style={{ width: `${(n / Math.max(stats.total_tracks, 1)) * 100}%` }}
          />
        ))}
      </div>
      <ul className="flex flex-wrap gap-x-3 gap-y-1">
        {entries.map(([status, n]) => (
          <li key={status} className="inline-flex items-center gap-1.5">
            <span className={cn("size-1.5 rounded-full", TONE_BG[STATUS_TONE[status]])} aria-hidden />
            {STATUS_LABEL[status]} <span className="text-foreground tabular-nums">{n}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function QuotaCard({ stats }: { stats: Stats }) {
  const percent = clampPercent(stats.quota_used_percent);
  const warn = stats.quota_alert || percent >= QUOTA_WARNING_PERCENT;
  return (
    <StatCard
      label="This month"
      icon={CalendarRange}
      testId="stat-quota"
      className={cn(warn && "border-warning/40")}
      value={
        <>
          {stats.month_generations}
          <span className="text-base font-normal text-muted-foreground"> / {stats.monthly_quota}</span>
        </>
      }
    >
      <div className="grid gap-2">
        <Progress value={percent} label="Monthly quota used" tone={warn ? "warning" : "default"} />
        {warn ? (
          <p className="flex items-center gap-1.5 text-warning" role="status">
            <AlertTriangle className="size-3.5" aria-hidden />
            {percent}% of the monthly quota used
          </p>
        ) : (
          <p>{percent}% of the monthly generation quota</p>
        )}
      </div>
    </StatCard>
  );
}

function SpendCard({ spend }: { spend: Stats["spend_by_provider"] }) {
  const rows = Object.entries(spend ?? {}).sort(([, a], [, b]) => b - a);
  const total = rows.reduce((sum, [, usd]) => sum + usd, 0);
  return (
    <StatCard label="Provider spend" icon={CircleDollarSign} value={formatUsd(total)} testId="stat-spend">
      {rows.length === 0 ? (
        "Local providers only: nothing to pay"
      ) : (
        <ul className="grid gap-1">
          {rows.map(([provider, usd]) => (
            <li key={provider} className="flex justify-between gap-2">
              <span>{humanize(provider)}</span>
              <span className="font-mono text-foreground tabular-nums">{formatUsd(usd)}</span>
            </li>
          ))}
        </ul>
      )}
    </StatCard>
  );
}

export async function StatsPanel() {
  const result = await attempt(getStats);
  if (!result.ok) return <PanelError title="Stats are unavailable" message={result.message} />;
  return <StatsCards stats={result.data} />;
}

export function StatsCards({ stats }: { stats: Stats }) {
  return (
    <section aria-label="Studio stats" className="grid grid-cols-2 gap-3 sm:gap-4 xl:grid-cols-4">
      <StatCard label="Tracks" icon={Library} value={stats.total_tracks} testId="stat-tracks">
        <LibraryBreakdown stats={stats} />
      </StatCard>
      <StatCard label="Storage used" icon={HardDrive} value={formatBytes(stats.storage_bytes)} testId="stat-storage">
        Music, cover art and videos on disk
      </StatCard>
      <QuotaCard stats={stats} />
      <SpendCard spend={stats.spend_by_provider} />
    </section>
  );
}

export function StatsPanelSkeleton() {
  return (
    <div className="grid grid-cols-2 gap-3 sm:gap-4 xl:grid-cols-4" aria-busy="true" aria-label="Loading stats">
      {Array.from({ length: 4 }, (_, i) => (
        <StatCardSkeleton key={i} />
      ))}
    </div>
  );
}
