// The three shapes a video can have, and how each is drawn: one place, so the player, the
// storyboard, the share page and the library cards never disagree (a square ad drawn as a
// letterboxed 16:9 was the mistake this prevents).

export type AspectKey = "16:9" | "9:16" | "1:1";

export interface AspectLook {
  key: AspectKey;
  /** Tailwind's aspect-ratio class for the frame. */
  ratio: string;
  /** Width limits for a player or card holding it (a tall or square frame would fill the screen). */
  frame: string;
  /** Columns for a grid of stills of this shape. */
  grid: string;
  /** Limits for one still in such a grid. */
  still: string;
  /** In words, for headers and cards. */
  label: string;
}

const LOOKS: Readonly<Record<AspectKey, AspectLook>> = {
  "16:9": {
    key: "16:9",
    ratio: "aspect-video",
    frame: "w-full",
    grid: "grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-3",
    still: "",
    label: "Landscape 16:9",
  },
  "9:16": {
    key: "9:16",
    ratio: "aspect-[9/16]",
    frame: "mx-auto w-full max-w-sm",
    grid: "grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4",
    still: "max-h-80 justify-self-center",
    label: "Portrait 9:16",
  },
  "1:1": {
    key: "1:1",
    ratio: "aspect-square",
    frame: "mx-auto w-full max-w-xl",
    grid: "grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3",
    still: "",
    label: "Square 1:1",
  },
};

/**
 * The look of an aspect as the API writes it ("16:9", "9:16", "1:1"; spaces and "x" forgiven).
 * Anything unknown is drawn as landscape, the studio's default output.
 */
export function aspectLook(aspect: string | null | undefined): AspectLook {
  const key = (aspect ?? "").replace(/\s+/g, "").replace(/[x×/]/gi, ":");
  return LOOKS[key as AspectKey] ?? LOOKS["16:9"];
}

/** True for a frame taller than wide (the 9:16 Shorts shape). */
export function isPortrait(aspect: string | null | undefined): boolean {
  return aspectLook(aspect).key === "9:16";
}
