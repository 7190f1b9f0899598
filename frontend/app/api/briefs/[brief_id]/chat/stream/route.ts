// POST /api/briefs/{id}/chat/stream: one turn of the vision chat, its reply streamed through (lib/ad-chat-relay.ts).
import type { NextRequest } from "next/server";

import { relayChatStream } from "@/lib/ad-chat-relay";

export const dynamic = "force-dynamic";

export async function POST(req: NextRequest, { params }: { params: Promise<{ brief_id: string }> }) {
  const { brief_id } = await params;
  return relayChatStream(req, `/api/briefs/${encodeURIComponent(brief_id)}/chat/stream`);
}
