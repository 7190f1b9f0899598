import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { LiveBatch } from "@/components/batch/live-batch";
import { Card, CardContent } from "@/components/ui/card";
import { getBatch } from "@/lib/api/queries";
import { formatDateTime } from "@/lib/format";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Batch" };

export default async function BatchDetailPage({ params }: Props) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const batch = await getBatch(id);
  return (
    <div className="grid gap-6">
      <header className="grid gap-3">
        <Link
          href="/batch"
          className="inline-flex w-fit items-center gap-1.5 rounded text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring"
        >
          <ArrowLeft className="size-4" aria-hidden /> Batch
        </Link>
        <h1 className="text-xl font-semibold tracking-tight md:text-2xl">
          Batch of {batch.total} · {formatDateTime(batch.created_at)}
        </h1>
      </header>
      <Card>
        <CardContent>
          <LiveBatch key={batch.id} initial={batch} />
        </CardContent>
      </Card>
    </div>
  );
}
