import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";

import { AdVideoPanel, AdVideoSkeleton } from "@/components/ads/ad-video-panel";
import { BriefWorkspace } from "@/components/ads/brief-workspace";
import { PageHeader } from "@/components/shell/page-header";
import { briefTitle } from "@/lib/ad-types";
import { getBrief } from "@/lib/ad-queries";
import { attempt } from "@/lib/api/queries";
import { UUID, getSongs } from "@/lib/music-queries";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Ad" };

/**
 * One brief, in whatever state it was left: the form and chat, the mood boards, and once the
 * video exists its production below (its own panel, loaded on its own).
 */
export default async function BriefPage({ params }: Props) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const [brief, songs] = await Promise.all([getBrief(id), attempt(() => getSongs())]);
  const choices = songs.ok
    ? songs.data.items.filter((s) => s.status !== "failed").map((s) => ({ id: s.id, title: s.title, duration: s.duration }))
    : [];
  return (
    <>
      <Link href="/ads" className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-3.5" aria-hidden /> Ads
      </Link>
      <PageHeader
        title={briefTitle(brief)}
        description={[brief.duration ? `${brief.duration} s` : null, brief.aspect ?? null].filter(Boolean).join(" · ") || "A new brief"}
      />
      <div className="grid grid-cols-1 gap-6">
        <BriefWorkspace key={brief.id} initial={brief} songs={choices} />
        {brief.video_id && (
          <Suspense fallback={<AdVideoSkeleton />}>
            <AdVideoPanel id={brief.video_id} />
          </Suspense>
        )}
      </div>
    </>
  );
}
