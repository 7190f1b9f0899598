// GET /api/videos/{id}/events: a video's storyboard and render steps as they run, streamed through (lib/event-stream.ts).
import type { NextRequest } from "next/server";

import { relayEventStream } from "@/lib/event-stream";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest, { params }: { params: Promise<{ video_id: string }> }) {
  const { video_id } = await params;
  return relayEventStream(req, `/api/videos/${encodeURIComponent(video_id)}/events`);
}
