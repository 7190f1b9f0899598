// The brief form's state: strings as the creator types them, turned into the API's fields
// only when saved. The chat fills the same brief on the server; its answer is merged into
// the form field by field, so what the creator is typing elsewhere is not thrown away.
import { type Aspect, type Brief, type BriefUpdate, type Duration, FIELD_LABELS, LIMITS } from "@/lib/ad-types";

export interface BriefForm {
  product: string;
  audience: string;
  /** Comma-separated words. */
  tone: string;
  /** Comma-separated keywords. */
  style_keywords: string;
  /** One message a line. */
  key_messages: string;
  call_to_action: string;
  duration: Duration | null;
  aspect: Aspect | null;
  /** As typed (#rrggbb when valid); a swatch per entry. */
  brand_colors: string[];
  song_id: string | null;
}

export type FormField = keyof BriefForm;
export const FORM_FIELDS: readonly FormField[] = [
  "product",
  "audience",
  "tone",
  "style_keywords",
  "key_messages",
  "call_to_action",
  "duration",
  "aspect",
  "brand_colors",
  "song_id",
];

export type FieldErrors = Partial<Record<FormField, string>>;

const HEX = /^#[0-9a-f]{6}$/i;

export function isHex(value: string): boolean {
  return HEX.test(value.trim());
}

/** "#ABC" or "abc123" → "#aabbcc" / "#abc123" when it reads as a colour, else null. */
export function normaliseHex(raw: string): string | null {
  let text = raw.trim().toLowerCase();
  if (!text.startsWith("#")) text = `#${text}`;
  if (/^#[0-9a-f]{3}$/.test(text)) text = `#${[...text.slice(1)].map((c) => c + c).join("")}`;
  return HEX.test(text) ? text : null;
}

export function splitWords(text: string): string[] {
  return text
    .split(",")
    .map((w) => w.trim())
    .filter(Boolean);
}

export function splitLines(text: string): string[] {
  return text
    .split("\n")
    .map((w) => w.trim())
    .filter(Boolean);
}

export function formFromBrief(brief: Brief): BriefForm {
  return {
    product: brief.product ?? "",
    audience: brief.audience ?? "",
    tone: (brief.tone ?? []).join(", "),
    style_keywords: (brief.style_keywords ?? []).join(", "),
    key_messages: (brief.key_messages ?? []).join("\n"),
    call_to_action: brief.call_to_action ?? "",
    duration: (brief.duration ?? null) as Duration | null,
    aspect: brief.aspect ?? null,
    brand_colors: [...(brief.brand_colors ?? [])],
    song_id: brief.song_id ?? null,
  };
}

/** The API value of one form field (what a PATCH would send). */
function apiValue(form: BriefForm, field: FormField): unknown {
  switch (field) {
    case "tone":
    case "style_keywords":
      return splitWords(form[field]);
    case "key_messages":
      return splitLines(form.key_messages);
    case "brand_colors":
      return form.brand_colors.map((c) => normaliseHex(c) ?? c.trim()).filter(Boolean);
    case "product":
    case "audience":
    case "call_to_action":
      return form[field].trim();
    default:
      return form[field];
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only what differs from the saved brief: the PATCH body (empty when nothing changed). */
export function patchFrom(form: BriefForm, saved: Brief): BriefUpdate {
  const base = formFromBrief(saved);
  const body: Record<string, unknown> = {};
  for (const field of FORM_FIELDS) {
    const value = apiValue(form, field);
    if (!same(value, apiValue(base, field))) body[field] = value;
  }
  return body as BriefUpdate;
}

/** The fields whose typed value differs from the saved brief. */
export function dirtyFields(form: BriefForm, saved: Brief): Set<FormField> {
  return new Set(Object.keys(patchFrom(form, saved)) as FormField[]);
}

/**
 * The form after the server's brief changed (a chat answer, a save): fields the creator has
 * not touched since the last save follow the server; a field being edited keeps its text,
 * unless the chat itself filled that field (`filled`), which is the newer word.
 */
export function mergeBrief(form: BriefForm, before: Brief, after: Brief, filled: readonly string[] = []): BriefForm {
  const dirty = dirtyFields(form, before);
  const fresh = formFromBrief(after);
  const next = { ...form };
  for (const field of FORM_FIELDS) {
    if (!dirty.has(field) || filled.includes(field)) (next as Record<FormField, unknown>)[field] = fresh[field];
  }
  return next;
}

/**
 * Checks the API would make, done here first. The API stays the authority: its errors are
 * shown per field too (`fieldErrors`).
 */
export function checkForm(form: BriefForm): FieldErrors {
  const errors: FieldErrors = {};
  const tooLong = (text: string, max: number) => text.trim().length > max;
  if (tooLong(form.product, LIMITS.product)) errors.product = `At most ${LIMITS.product} characters.`;
  if (tooLong(form.audience, LIMITS.audience)) errors.audience = `At most ${LIMITS.audience} characters.`;
  if (tooLong(form.call_to_action, LIMITS.call_to_action))
    errors.call_to_action = `At most ${LIMITS.call_to_action} characters.`;
  const tone = splitWords(form.tone);
  if (tone.length > LIMITS.words) errors.tone = `At most ${LIMITS.words} words.`;
  else if (tone.some((w) => w.length > LIMITS.word)) errors.tone = `Each word at most ${LIMITS.word} characters.`;
  const keywords = splitWords(form.style_keywords);
  if (keywords.length > LIMITS.keywords) errors.style_keywords = `At most ${LIMITS.keywords} keywords.`;
  else if (keywords.some((w) => w.length > LIMITS.keyword))
    errors.style_keywords = `Each keyword at most ${LIMITS.keyword} characters.`;
  const messages = splitLines(form.key_messages);
  if (messages.length > LIMITS.messages) errors.key_messages = `At most ${LIMITS.messages} messages, one a line.`;
  else if (messages.some((m) => m.length > LIMITS.message))
    errors.key_messages = `Each message at most ${LIMITS.message} characters.`;
  const colors = form.brand_colors.filter((c) => c.trim());
  if (colors.length > LIMITS.colors) errors.brand_colors = `At most ${LIMITS.colors} colours.`;
  else {
    const bad = colors.find((c) => normaliseHex(c) === null);
    if (bad !== undefined) errors.brand_colors = `“${bad}” is not a colour as #rrggbb.`;
  }
  return errors;
}

/**
 * The API's validation error, one sentence per problem ("tone.2: String should have at most
 * 30 characters; brand_colors.0: Value error, must be a colour as #rrggbb"), sorted onto the
 * form's fields. What names no field of the form comes back under `rest`.
 */
export function fieldErrors(detail: string): { fields: FieldErrors; rest: string[] } {
  const fields: FieldErrors = {};
  const rest: string[] = [];
  for (const part of detail.split("; ")) {
    const match = /^([a-z_]+)(?:\.(\d+))?: (.+)$/.exec(part.trim());
    const field = match?.[1] as FormField | undefined;
    if (!match || !field || !FORM_FIELDS.includes(field)) {
      if (part.trim()) rest.push(part.trim());
      continue;
    }
    const item = match[2] !== undefined ? ` (item ${Number(match[2]) + 1})` : "";
    const message = `${(match[3] ?? "").replace(/^Value error, /, "")}${item}`;
    fields[field] = fields[field] ? `${fields[field]}; ${message}` : message;
  }
  return { fields, rest };
}

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field.replace(/_/g, " ");
}
