import { Megaphone } from "lucide-react";
import Link from "next/link";

import { EmptyState, PanelError } from "@/components/shell/panel-state";
import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import { STAGE_LABEL, briefStage, briefTitle, runningJob } from "@/lib/ad-types";
import { getBriefs } from "@/lib/ad-queries";
import { attempt } from "@/lib/api/queries";
import { humanize } from "@/lib/format";

/** Every brief, newest first, with where it stands: opening one goes on from there. */
export async function BriefList() {
  const result = await attempt(() => getBriefs());
  if (!result.ok) return <PanelError title="The briefs could not be loaded" message={result.message} />;
  const briefs = result.data.items;
  if (briefs.length === 0) {
    return <EmptyState icon={Megaphone} title="No briefs yet" description="Start with “New ad”: a form and a chat that fill the brief together." />;
  }
  return (
    <ul className="grid gap-2" aria-label="Briefs" data-testid="brief-list">
      {briefs.map((b) => {
        const job = runningJob(b);
        const facts = [b.duration ? `${b.duration} s` : null, b.aspect ?? null, b.call_to_action || null].filter(Boolean);
        return (
          <li key={b.id}>
            <Link
              href={`/ads/${b.id}`}
              className="flex flex-wrap items-center justify-between gap-3 rounded-lg border px-4 py-3 outline-none hover:bg-accent/40 focus-visible:ring-[3px] focus-visible:ring-ring"
            >
              <span className="grid gap-0.5">
                <span className="font-medium">{briefTitle(b)}</span>
                <span className="text-sm text-muted-foreground">{facts.length > 0 ? facts.join(" · ") : "Not filled in yet"}</span>
              </span>
              <Badge variant={b.video_id ? "ready" : "secondary"}>{job ? humanize(job.stage) || "Working" : STAGE_LABEL[briefStage(b)]}</Badge>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

export function BriefListSkeleton() {
  return (
    <div className="grid gap-2" aria-busy="true" aria-label="Loading briefs">
      {[0, 1, 2].map((i) => (
        <Skeleton key={i} className="h-16 w-full rounded-lg" />
      ))}
    </div>
  );
}
