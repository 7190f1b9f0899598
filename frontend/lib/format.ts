// Formatting shared by server and client components. Pure functions, unit-tested.

/** Seconds → "m:ss" (or "h:mm:ss"). Negative, NaN and Infinity read as 0:00. */
export function formatDuration(totalSeconds: number): string {
  const s = Number.isFinite(totalSeconds) && totalSeconds > 0 ? Math.floor(totalSeconds) : 0;
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

const UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

/** Bytes → "12.3 MB" (decimal units, as disks and browsers show them). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes) || bytes <= 0) return "0 B";
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/**
 * A progress value fit for a bar: always an integer in 0..100. The API may send null,
 * a float, or (on a bad day) 101; the bar must never show "101 %".
 */
export function clampPercent(value: number | null | undefined): number {
  if (value == null || !Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, Math.round(value)));
}

/** USD with cents, or sub-cent precision for tiny amounts so they do not read as $0.00. */
export function formatUsd(amount: number): string {
  const digits = amount > 0 && amount < 0.01 ? 4 : 2;
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: "USD",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount);
}

const RELATIVE_STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "3 minutes ago", "yesterday", "just now". */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return "";
  const diff = Math.round((then - now.getTime()) / 1000);
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, seconds] of RELATIVE_STEPS) {
    if (Math.abs(diff) >= seconds) return rtf.format(Math.round(diff / seconds), unit);
  }
  return "just now";
}

/** "22 Nov 2025, 14:05" in UTC-independent, locale-stable form for titles and tooltips. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/** Snake/kebab stage names from the API ("mixing_audio") → "Mixing audio". */
export function humanize(value: string | null | undefined): string {
  if (!value) return "";
  const words = value.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Time left for a batch, in words. null means the server cannot tell yet (no item has finished
 * to go by), which reads as "estimating…" rather than a made-up number.
 */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return "estimating…";
  const s = Math.max(0, Math.round(seconds));
  if (s < 10) return "almost done";
  if (s < 60) return `about ${Math.round(s / 5) * 5} s left`;
  if (s < 3600) {
    const minutes = Math.round(s / 60);
    return minutes >= 60 ? "about 1 h left" : `about ${minutes} min left`;
  }
  const hours = Math.floor(s / 3600);
  const minutes = Math.round((s % 3600) / 60);
  return minutes === 0 || minutes === 60 ? `about ${hours + (minutes === 60 ? 1 : 0)} h left` : `about ${hours} h ${minutes} min left`;
}

/** "14:05" (or "Tue 14:05" when it is not today): when something resets or is due. */
export function formatClock(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" }).format(date);
  if (date.toDateString() === now.toDateString()) return time;
  const day = new Intl.DateTimeFormat("en-GB", { weekday: "short" }).format(date);
  return `${day} ${time}`;
}
