// Client-side checks that mirror the API's limits, so the creator hears about a mistake
// before a round trip. The API stays the authority: its `detail` is shown when it disagrees.

export const PROMPT_MIN = 10;
export const PROMPT_MAX = 500;
export const DURATION_MIN = 120;
export const DURATION_MAX = 900;
export const DURATION_STEP = 15;
export const SEED_MAX = 2 ** 31 - 1;

export function promptError(prompt: string): string | null {
  const length = prompt.trim().length;
  if (length < PROMPT_MIN) return `Describe the track in at least ${PROMPT_MIN} characters.`;
  if (length > PROMPT_MAX) return `Keep the prompt under ${PROMPT_MAX} characters.`;
  return null;
}

/** Empty means "random"; otherwise a whole number the backend's seed column can hold. */
export function parseSeed(raw: string): { seed: number | null; error: string | null } {
  const text = raw.trim();
  if (text === "") return { seed: null, error: null };
  if (!/^\d+$/.test(text)) return { seed: null, error: "The seed is a whole number (or leave it empty)." };
  const seed = Number(text);
  if (seed > SEED_MAX) return { seed: null, error: `The seed must be at most ${SEED_MAX}.` };
  return { seed, error: null };
}

export function clampDuration(seconds: number): number {
  if (!Number.isFinite(seconds)) return DURATION_MIN;
  return Math.min(DURATION_MAX, Math.max(DURATION_MIN, Math.round(seconds / DURATION_STEP) * DURATION_STEP));
}
