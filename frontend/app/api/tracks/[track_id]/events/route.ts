// GET /api/tracks/{id}/events: the track's live events, streamed through (lib/event-stream.ts).
import type { NextRequest } from "next/server";

import { relayEventStream } from "@/lib/event-stream";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest, { params }: { params: Promise<{ track_id: string }> }) {
  const { track_id } = await params;
  return relayEventStream(req, `/api/tracks/${encodeURIComponent(track_id)}/events`);
}
