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
  const parsed = new URL(url, "http://placeholder.invalid");
  parsed.searchParams.set("download", name);
  // Keep relative URLs relative; absolute ones come back whole.
  return url.startsWith("http") ? parsed.toString() : `${parsed.pathname}${parsed.search}`;
}
