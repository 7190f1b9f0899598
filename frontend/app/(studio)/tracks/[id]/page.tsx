import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { TrackWorkspace } from "@/components/tracks/track-workspace";
import { attempt, getTrack, getYouTubeStatus } from "@/lib/api/queries";
import { youtubeConnection } from "@/lib/youtube";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  if (!UUID.test(id)) return { title: "Track" };
  const track = await getTrack(id);
  return { title: track.prompt.length > 48 ? `${track.prompt.slice(0, 47)}…` : track.prompt };
}

export default async function TrackPage({ params }: Props) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const [track, status] = await Promise.all([getTrack(id), attempt(getYouTubeStatus)]);
  // Without the status the upload button still works, and the API's answer says what is missing.
  const youtube = status.ok ? youtubeConnection(status.data) : null;
  // Keyed by id: moving between tracks starts from a clean state, not the previous track's.
  return <TrackWorkspace key={track.id} initial={track} youtube={youtube} />;
}
