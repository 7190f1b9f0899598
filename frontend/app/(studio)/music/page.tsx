import type { Metadata } from "next";
import { Suspense } from "react";

import { AddSongPanel } from "@/components/music/add-song-panel";
import { LibrarySkeleton, SongLibrary, VideoLibrary } from "@/components/music/library";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Music video" };

export default function MusicPage() {
  return (
    <>
      <PageHeader title="Music video" description="Bring a song, check its beats and sections, and plan a video cut to them." />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <Card>
          <CardHeader>
            <CardTitle>Add a song</CardTitle>
            <CardDescription>It is analysed right after: tempo, beats, sections, key and mood.</CardDescription>
          </CardHeader>
          <CardContent>
            <Suspense fallback={<LibrarySkeleton label="Loading the upload panel" />}>
              <AddSongPanel />
            </Suspense>
          </CardContent>
        </Card>
        <div className="grid min-w-0 grid-cols-1 content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>Songs</CardTitle>
              <CardDescription>Newest first.</CardDescription>
            </CardHeader>
            <CardContent className="px-3">
              <Suspense fallback={<LibrarySkeleton label="Loading songs" />}>
                <SongLibrary />
              </Suspense>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Videos</CardTitle>
              <CardDescription>Music-video projects and their clip plans.</CardDescription>
            </CardHeader>
            <CardContent className="px-3">
              <Suspense fallback={<LibrarySkeleton label="Loading videos" />}>
                <VideoLibrary />
              </Suspense>
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
