import { CheckCircle2, XCircle } from "lucide-react";

import { PanelError } from "@/components/shell/panel-state";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { attempt, getHealth } from "@/lib/api/queries";
import { formatBytes, humanize } from "@/lib/format";
import { cn } from "@/lib/utils";

/** "ffmpeg version 5.1.6-0+deb12u1 Copyright …" → "5.1.6-0+deb12u1". */
function toolVersion(line: string | null): string {
  if (!line) return "Not found";
  return /version\s+(\S+)/.exec(line)?.[1] ?? line;
}

function Check({ label, good, value }: { label: string; good: boolean; value: string }) {
  const Icon = good ? CheckCircle2 : XCircle;
  return (
    <li className="flex items-center justify-between gap-3 py-2 text-sm">
      <span>{label}</span>
      <span className={cn("inline-flex min-w-0 items-center gap-1.5 truncate", good ? "text-status-done" : "text-status-failed")}>
        <Icon className="size-4" aria-hidden />
        {value}
      </span>
    </li>
  );
}

export async function HealthPanel() {
  const result = await attempt(getHealth);
  if (!result.ok) return <PanelError title="The server's health is unknown" message={result.message} />;
  const health = result.data;
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>System</CardTitle>
          <CardDescription>What the backend needs to make music and video.</CardDescription>
        </CardHeader>
        <CardContent>
          <ul className="divide-y">
            <Check label="Overall" good={health.status === "ok"} value={health.status === "ok" ? "OK" : humanize(health.status)} />
            <Check
              label="Database"
              good={health.database.ok}
              value={health.database.ok ? "Connected" : (health.database.error ?? "Unreachable")}
            />
            <Check label="ffmpeg" good={!!health.ffmpeg} value={toolVersion(health.ffmpeg)} />
            <Check label="ffprobe" good={!!health.ffprobe} value={toolVersion(health.ffprobe)} />
            <li className="flex items-center justify-between py-2 text-sm">
              <span>Free disk space</span>
              <span className="font-mono tabular-nums">{formatBytes(health.disk_free_bytes)}</span>
            </li>
          </ul>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Providers</CardTitle>
          <CardDescription>Who makes each part. &ldquo;local&rdquo; runs offline on this machine.</CardDescription>
        </CardHeader>
        <CardContent>
          <ul className="divide-y">
            {Object.entries(health.providers).map(([role, provider]) => {
              // false: a real provider is chosen but cannot work yet (its key is missing).
              const ready = health.configured?.[role] !== false;
              return (
                <li key={role} className="flex items-center justify-between gap-3 py-2 text-sm">
                  <span>{humanize(role)}</span>
                  <span className="flex items-center gap-2">
                    {!ready && <span className="text-xs text-warning">needs its API key</span>}
                    <span
                      className={cn(
                        "rounded-full border px-2 py-0.5 font-mono text-xs",
                        !ready && "border-warning/40 text-warning",
                      )}
                    >
                      {String(provider)}
                    </span>
                  </span>
                </li>
              );
            })}
          </ul>
        </CardContent>
      </Card>
    </div>
  );
}
