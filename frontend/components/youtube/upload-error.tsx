"use client";

import { Settings } from "lucide-react";
import Link from "next/link";

import { Notice } from "@/components/shell/notice";
import { Button } from "@/components/ui/button";
import { ApiError, errorMessage } from "@/lib/api/errors";
import { formatClock } from "@/lib/format";

const SETTINGS_CODES = new Set(["YOUTUBE_NOT_CONNECTED", "YOUTUBE_RECONNECT_NEEDED", "YOUTUBE_NOT_CONFIGURED"]);
const QUOTA_CODES = new Set(["QUOTA_EXCEEDED", "YOUTUBE_QUOTA_EXCEEDED"]);

/** The API's refusal, with the way out: Settings for the connection, the reset time for quota. */
export function UploadError({ error }: { error: unknown }) {
  const detail = errorMessage(error);
  if (error instanceof ApiError && SETTINGS_CODES.has(error.code)) {
    return (
      <Notice
        tone="error"
        title={error.code === "YOUTUBE_RECONNECT_NEEDED" ? "Reconnect YouTube to upload" : "Connect YouTube to upload"}
        data-testid="upload-error"
        action={
          <Button asChild size="sm" variant="outline">
            <Link href="/settings">
              <Settings aria-hidden /> Open Settings
            </Link>
          </Button>
        }
      >
        {detail}
      </Notice>
    );
  }
  if (error instanceof ApiError && QUOTA_CODES.has(error.code)) {
    const resets = error.retryAt !== null ? new Date(error.retryAt).toISOString() : null;
    return (
      <Notice tone="error" title="Not enough YouTube quota today" data-testid="upload-error">
        {detail}
        {resets && <> That is {formatClock(resets)} your time.</>}
      </Notice>
    );
  }
  return (
    <Notice tone="error" title="The upload did not go through" data-testid="upload-error">
      {detail}
    </Notice>
  );
}
