// GET /api/songs/{id}/events: a song's analysis as it runs, streamed through (lib/event-stream.ts).
import type { NextRequest } from "next/server";

import { relayEventStream } from "@/lib/event-stream";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest, { params }: { params: Promise<{ song_id: string }> }) {
  const { song_id } = await params;
  return relayEventStream(req, `/api/songs/${encodeURIComponent(song_id)}/events`);
}
