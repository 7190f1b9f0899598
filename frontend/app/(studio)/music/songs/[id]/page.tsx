import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";

import { AnalyseButton } from "@/components/music/analyse-button";
import { DeleteMusicButton } from "@/components/music/delete-music-button";
import { LibrarySkeleton, VideoLibrary } from "@/components/music/library";
import { NewVideoForm } from "@/components/music/new-video-form";
import { SongAnalysisPanel, SongAnalysisSkeleton } from "@/components/music/song-analysis-panel";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatDuration } from "@/lib/format";
import { UUID, getSong } from "@/lib/music-queries";
import { SONG_STATUS_LABEL } from "@/lib/music-types";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: UUID.test(id) ? (await getSong(id)).title : "Song" };
}

export default async function SongPage({ params }: Props) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const song = await getSong(id);
  const analysed = song.status === "analysed";
  return (
    <>
      <Link href="/music" className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-3.5" aria-hidden /> Music video
      </Link>
      <PageHeader
        title={song.title}
        description={`${formatDuration(song.duration)} · ${song.format.toUpperCase()} · ${song.sample_rate} Hz · ${SONG_STATUS_LABEL[song.status]}`}
      >
        <DeleteMusicButton kind="song" id={song.id} />
      </PageHeader>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1.7fr)_minmax(0,1fr)]">
        {analysed ? (
          <Suspense fallback={<SongAnalysisSkeleton />}>
            <SongAnalysisPanel song={song} />
          </Suspense>
        ) : (
          <Card>
            <CardHeader>
              <CardTitle>{song.status === "failed" ? "The analysis failed" : "Not analysed yet"}</CardTitle>
              <CardDescription>
                {song.job?.error_message ?? "Find the tempo, beats, sections, key and mood to plan a video on them."}
              </CardDescription>
            </CardHeader>
            <CardContent>
              <AnalyseButton song={song} />
            </CardContent>
          </Card>
        )}
        <Card className="content-start self-start">
          <CardHeader>
            <CardTitle>New video</CardTitle>
            <CardDescription>Sections are suggested from the analysis; you can edit them next.</CardDescription>
          </CardHeader>
          <CardContent>
            {analysed ? <NewVideoForm songId={song.id} /> : <p className="text-sm text-muted-foreground">Analyse the song first.</p>}
          </CardContent>
          <CardContent className="border-t px-3 pt-4">
            <Suspense fallback={<LibrarySkeleton label="Loading this song's videos" />}>
              <VideoLibrary songId={song.id} />
            </Suspense>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
