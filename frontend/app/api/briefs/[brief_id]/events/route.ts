// GET /api/briefs/{id}/events: a brief's jobs (mood boards, the music and plan) as they run, streamed through (lib/event-stream.ts).
import type { NextRequest } from "next/server";

import { relayEventStream } from "@/lib/event-stream";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest, { params }: { params: Promise<{ brief_id: string }> }) {
  const { brief_id } = await params;
  return relayEventStream(req, `/api/briefs/${encodeURIComponent(brief_id)}/events`);
}
