import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";

import { Logo } from "@/components/shell/logo";
import { SharedPlayer } from "@/components/video/shared-player";
import { apiUrl } from "@/lib/env";
import { formatDuration } from "@/lib/format";
import { mediaSrc } from "@/lib/media";
import type { components } from "@/lib/api/schema.gen";

type Shared = components["schemas"]["SharedVideo"];
type Props = { params: Promise<{ token: string }> };

// Share tokens as the API makes them: URL-safe, 16–64 characters. Anything else is no link.
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/** A shared video, read without a session (the link itself is the permission); null when revoked or unknown. */
const getShared = cache(async (token: string): Promise<Shared | null> => {
  if (!TOKEN.test(token)) return null;
  const response = await fetch(`${apiUrl()}/api/shared/${encodeURIComponent(token)}`, { cache: "no-store" });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`The studio could not read this video (${response.status}).`);
  return (await response.json()) as Shared;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const shared = await getShared((await params).token);
  // Not for search engines: a link is shared with people, not published.
  return { title: shared?.title ?? "Video not found", robots: { index: false, follow: false } };
}

/** The public share page: the video and its title, nothing else, no sign-in. */
export default async function SharedVideoPage({ params }: Props) {
  const shared = await getShared((await params).token);
  if (!shared) notFound();
  return (
    <main className="mx-auto grid w-full max-w-5xl gap-5 px-4 py-8 md:py-12">
      <Logo />
      <h1 className="text-2xl font-semibold tracking-tight text-balance md:text-3xl">{shared.title}</h1>
      <SharedPlayer src={mediaSrc(shared.video_url)} aspect={shared.aspect} title={shared.title} />
      {shared.duration !== null && <p className="text-sm text-muted-foreground">{formatDuration(shared.duration)}</p>}
    </main>
  );
}
