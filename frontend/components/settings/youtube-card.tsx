"use client";

import { ExternalLink, Link2, Loader2, RefreshCw, Unplug, X } from "lucide-react";
import { useEffect, useState } from "react";
import { toast } from "sonner";

import { Notice } from "@/components/shell/notice";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { api, unwrap } from "@/lib/api/client";
import { ApiError, errorMessage } from "@/lib/api/errors";
import type { YouTubeQuota, YouTubeStatus } from "@/lib/api/types";
import { clampPercent, formatClock, formatDateTime } from "@/lib/format";

/** What the backend's OAuth callback said, from /settings?youtube=…&reason=…&message=… */
export type ConnectNotice = { kind: "connected" } | { kind: "error"; reason: string | null; message: string | null };

const REASON_TITLE: Record<string, string> = {
  access_denied: "Access to the channel was not granted",
  no_channel: "That Google account has no YouTube channel",
};

function NoticeBanner({ notice, channel, onDismiss }: { notice: ConnectNotice; channel: string | null; onDismiss: () => void }) {
  const dismiss = (
    <Button variant="ghost" size="icon" className="-my-1.5 size-7" onClick={onDismiss} aria-label="Dismiss">
      <X aria-hidden />
    </Button>
  );
  if (notice.kind === "connected") {
    return (
      <Notice tone="success" title="YouTube connected" action={dismiss} data-testid="youtube-notice">
        {channel ? `Uploads go to ${channel}.` : "Uploads go to the channel you chose."}
      </Notice>
    );
  }
  return (
    <Notice
      tone="error"
      title={(notice.reason && REASON_TITLE[notice.reason]) || "YouTube could not be connected"}
      action={dismiss}
      data-testid="youtube-notice"
    >
      {notice.message || "Google did not complete the connection."} Try connecting again.
    </Notice>
  );
}

function QuotaMeter({ quota }: { quota: YouTubeQuota }) {
  const percent = clampPercent((quota.used / Math.max(quota.limit, 1)) * 100);
  const low = percent >= 80;
  return (
    <div className="grid gap-2" data-testid="youtube-quota">
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span>API quota today</span>
        <span className="font-mono text-xs text-muted-foreground tabular-nums">
          <span className="text-foreground">{quota.used.toLocaleString("en-US")}</span> /{" "}
          {quota.limit.toLocaleString("en-US")} units
        </span>
      </div>
      <Progress value={percent} label="YouTube API quota used today" tone={low ? "warning" : "default"} />
      <p className="text-xs text-muted-foreground">
        {quota.remaining.toLocaleString("en-US")} units left. Google resets the count at midnight Pacific time (
        {/* The browser's own time zone, which the server's render cannot know. */}
        <time dateTime={quota.resets_at} title={formatDateTime(quota.resets_at)} suppressHydrationWarning>
          {formatClock(quota.resets_at)} your time
        </time>
        ).
      </p>
    </div>
  );
}

function NotConfigured({ detail }: { detail?: string | null }) {
  return (
    <div className="grid gap-3 text-sm" data-testid="youtube-not-configured">
      <p className="text-muted-foreground">
        {detail ?? "Publishing is switched off until the studio has a Google OAuth client."} Set these on the API
        server, then restart it:
      </p>
      <ul className="grid gap-2 rounded-lg border bg-background/30 p-3">
        {[
          ["YOUTUBE_CLIENT_ID", "the OAuth client (type Web application, YouTube Data API v3 enabled)"],
          ["YOUTUBE_CLIENT_SECRET", "its secret"],
          ["ENCRYPTION_KEY", "a Fernet key: YouTube tokens are stored encrypted"],
          ["YOUTUBE_DASHBOARD_URL", "this dashboard's address, where Google's answer comes back to"],
        ].map(([name, what]) => (
          <li key={name} className="grid gap-0.5 sm:grid-cols-[13rem_1fr] sm:gap-3">
            <code className="font-mono text-xs text-foreground">{name}</code>
            <span className="text-xs text-muted-foreground">{what}</span>
          </li>
        ))}
      </ul>
      <p className="text-xs text-muted-foreground">
        Register <code className="font-mono">PUBLIC_BASE_URL/api/auth/youtube/callback</code> (or{" "}
        <code className="font-mono">YOUTUBE_REDIRECT_URI</code>) as an authorised redirect URI on the client. The
        README&rsquo;s &ldquo;Publishing to YouTube&rdquo; walks through it.
      </p>
    </div>
  );
}

/**
 * The YouTube connection: connect (Google's consent page and back), the channel, a reconnect
 * prompt when Google withdrew access, today's API quota, and disconnect behind a confirmation.
 */
export function YouTubeCard({ initial, notice: initialNotice }: { initial: YouTubeStatus; notice: ConnectNotice | null }) {
  const [status, setStatus] = useState(initial);
  const [notice, setNotice] = useState(initialNotice);
  const [pending, setPending] = useState<"connect" | "disconnect" | null>(null);
  const [notConfigured, setNotConfigured] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  // The callback's answer is shown once: a reload should not announce it again.
  useEffect(() => {
    if (initialNotice && window.location.search.includes("youtube=")) {
      window.history.replaceState(null, "", window.location.pathname);
    }
  }, [initialNotice]);

  const reload = async () => {
    const { data } = await api.GET("/api/auth/youtube/status");
    if (data) setStatus(data);
  };

  const connect = async () => {
    setPending("connect");
    setNotice(null);
    try {
      const { auth_url } = unwrap(await api.GET("/api/auth/youtube"));
      window.location.assign(auth_url); // Google's consent page; it comes back to /settings
    } catch (error) {
      if (error instanceof ApiError && error.code === "YOUTUBE_NOT_CONFIGURED") setNotConfigured(error.message);
      else toast.error("Could not start connecting YouTube", { description: errorMessage(error) });
      setPending(null);
    }
  };

  const disconnect = async (event: React.MouseEvent) => {
    event.preventDefault(); // keep the dialog open until the API has answered
    setPending("disconnect");
    try {
      unwrap(await api.DELETE("/api/auth/youtube"));
      setConfirming(false);
      setNotice(null);
      toast.success("YouTube disconnected");
      await reload();
    } catch (error) {
      toast.error("Could not disconnect YouTube", { description: errorMessage(error) });
    } finally {
      setPending(null);
    }
  };

  const configured = status.configured && notConfigured === null;
  const badge = !configured ? (
    <Badge variant="outline" className="text-muted-foreground">Not set up</Badge>
  ) : status.connected && status.needs_reconnect ? (
    <Badge variant="failed">Reconnect needed</Badge>
  ) : status.connected ? (
    <Badge variant="published">Connected</Badge>
  ) : (
    <Badge variant="outline" className="text-muted-foreground">Not connected</Badge>
  );

  const connectButton = (label: string, icon: React.ReactNode) => (
    <Button onClick={connect} disabled={pending !== null}>
      {pending === "connect" ? <Loader2 className="animate-spin" aria-hidden /> : icon}
      {pending === "connect" ? "Opening Google…" : label}
    </Button>
  );

  return (
    <Card data-testid="youtube-card" data-connected={status.connected}>
      <CardHeader>
        <CardTitle>YouTube</CardTitle>
        <CardDescription>Publish finished videos to your channel.</CardDescription>
        <CardAction>{badge}</CardAction>
      </CardHeader>
      <CardContent className="grid gap-5">
        {notice && (
          <NoticeBanner notice={notice} channel={status.channel_title ?? null} onDismiss={() => setNotice(null)} />
        )}

        {!configured ? (
          <NotConfigured detail={notConfigured} />
        ) : status.connected ? (
          <>
            {status.needs_reconnect && (
              <Notice tone="warning" title="YouTube needs you to reconnect" data-testid="youtube-reconnect">
                {status.reconnect_reason ?? "Google no longer accepts the studio's access to this channel."} Uploads
                wait until you connect again.
              </Notice>
            )}
            <div className="flex flex-wrap items-center gap-3">
              <span
                aria-hidden
                className="grid size-10 shrink-0 place-items-center rounded-full bg-gradient-to-br from-status-failed/50 to-haze/40 text-sm font-semibold"
              >
                {(status.channel_title ?? "?").charAt(0).toUpperCase()}
              </span>
              <div className="min-w-0 flex-1">
                <p className="truncate font-medium" data-testid="youtube-channel">
                  {status.channel_title ?? "Your channel"}
                </p>
                {status.channel_id && (
                  <a
                    href={`https://www.youtube.com/channel/${status.channel_id}`}
                    target="_blank"
                    rel="noopener noreferrer"
                    className="inline-flex max-w-full items-center gap-1 truncate rounded font-mono text-xs text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring"
                  >
                    {status.channel_id} <ExternalLink className="size-3 shrink-0" aria-hidden />
                  </a>
                )}
              </div>
              <div className="flex flex-wrap gap-2">
                {status.needs_reconnect && connectButton("Reconnect", <RefreshCw aria-hidden />)}
                <AlertDialog open={confirming} onOpenChange={(open) => pending !== "disconnect" && setConfirming(open)}>
                  <AlertDialogTrigger asChild>
                    <Button variant="outline" disabled={pending !== null}>
                      <Unplug aria-hidden /> Disconnect
                    </Button>
                  </AlertDialogTrigger>
                  <AlertDialogContent>
                    <AlertDialogHeader>
                      <AlertDialogTitle>Disconnect YouTube?</AlertDialogTitle>
                      <AlertDialogDescription>
                        The studio gives up its access to {status.channel_title ?? "the channel"} and can no longer
                        upload. Videos already on YouTube stay there. You can connect again at any time.
                      </AlertDialogDescription>
                    </AlertDialogHeader>
                    <AlertDialogFooter>
                      <AlertDialogCancel disabled={pending === "disconnect"}>Stay connected</AlertDialogCancel>
                      <AlertDialogAction
                        className={buttonVariants({ variant: "destructive" })}
                        onClick={disconnect}
                        disabled={pending === "disconnect"}
                      >
                        {pending === "disconnect" && <Loader2 className="animate-spin" aria-hidden />}
                        Disconnect
                      </AlertDialogAction>
                    </AlertDialogFooter>
                  </AlertDialogContent>
                </AlertDialog>
              </div>
            </div>
            {status.token_expires_at && !status.needs_reconnect && (
              <p className="text-xs text-muted-foreground" suppressHydrationWarning>
                The studio renews its access by itself (current token valid until {formatClock(status.token_expires_at)}).
              </p>
            )}
          </>
        ) : (
          <div className="flex flex-wrap items-center justify-between gap-4">
            <p className="max-w-prose text-sm text-muted-foreground">
              Connect the channel your videos should go to. Google asks you to pick an account and allow uploads, then
              sends you back here.
            </p>
            {connectButton("Connect YouTube", <Link2 aria-hidden />)}
          </div>
        )}

        {configured && (
          <div className="border-t pt-4">
            <QuotaMeter quota={status.quota} />
          </div>
        )}
      </CardContent>
    </Card>
  );
}
