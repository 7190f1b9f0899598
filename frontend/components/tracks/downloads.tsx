import { Download, Image as ImageIcon } from "lucide-react";

import { Button } from "@/components/ui/button";
import type { Track } from "@/lib/api/types";
import { formatBytes } from "@/lib/format";
import { downloadUrl } from "@/lib/media";

/**
 * Links to the finished files: signed URLs, loaded through the dashboard, where the `download`
 * parameter makes the server send them as attachments with a readable name.
 */
export function Downloads({ track }: { track: Track }) {
  const link = (url: string) => downloadUrl(url, track.prompt);
  const files = [
    track.music_url && { href: link(track.music_url), label: "Music (MP3)", size: track.music_bytes, icon: Download },
    track.video_url && { href: link(track.video_url), label: "Video (MP4)", size: track.video_bytes, icon: Download },
    track.image_url && { href: link(track.image_url), label: "Cover art (PNG)", size: 0, icon: ImageIcon },
  ].filter((f) => !!f);

  if (files.length === 0) return null;
  return (
    <ul className="grid gap-1.5" aria-label="Downloads">
      {files.map(({ href, label, size, icon: Icon }) => (
        <li key={label}>
          <Button asChild variant="outline" className="w-full justify-between">
            <a href={href} download>
              <span className="inline-flex items-center gap-2">
                <Icon aria-hidden /> {label}
              </span>
              {size > 0 && <span className="font-mono text-xs text-muted-foreground">{formatBytes(size)}</span>}
            </a>
          </Button>
        </li>
      ))}
    </ul>
  );
}
