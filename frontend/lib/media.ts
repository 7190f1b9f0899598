/**
 * A signed media link as this page should load it: through the dashboard's own origin.
 * The API signs links under PUBLIC_BASE_URL (http://localhost:8000 unless set), which only
 * works in a browser on the studio's own machine; opened as http://127.0.0.1:3000 or by a
 * LAN address, that host is wrong or unreachable. The signature covers the path and expiry,
 * not the host, and proxy.ts forwards /media/* to the API, so the path alone works from any
 * address the dashboard is reached by. Other URLs (a YouTube link, a relative path) pass.
 */
export function mediaSrc(url: string): string;
export function mediaSrc(url: string | null | undefined): string | null;
export function mediaSrc(url: string | null | undefined): string | null {
  if (!url) return null;
  if (!/^https?:\/\//i.test(url)) return url;
  const parsed = new URL(url);
  return parsed.pathname.startsWith("/media/") ? `${parsed.pathname}${parsed.search}` : url;
}

/**
 * A signed media URL that downloads under a readable file name: the backend's media route
 * sets Content-Disposition from `download`. The prompt's first words make the name.
 */
export function downloadUrl(url: string, prompt: string): string {
  const words = prompt
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean)
    .slice(0, 6);
  const name = words.join("-") || "ambient-track";
  const local = mediaSrc(url);
  const parsed = new URL(local, "http://placeholder.invalid");
  parsed.searchParams.set("download", name);
  // Keep relative URLs relative; absolute ones (not media) come back whole.
  return local.startsWith("http") ? parsed.toString() : `${parsed.pathname}${parsed.search}`;
}
