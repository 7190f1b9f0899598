// GET /api/jobs/{id}/events: one job's live events, streamed through (lib/event-stream.ts).
import type { NextRequest } from "next/server";

import { relayEventStream } from "@/lib/event-stream";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest, { params }: { params: Promise<{ job_id: string }> }) {
  const { job_id } = await params;
  return relayEventStream(req, `/api/jobs/${encodeURIComponent(job_id)}/events`);
}
