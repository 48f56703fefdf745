import type { RawProblem } from './fields';

/** What may be attached. */
export interface AttachmentLimits {
  /** MIME types accepted; `image/*` style wildcards allowed. @default images, mp4/webm video, PDF, plain text, logs */
  types?: string[];
  /** Bytes per file, after image downscaling. @default 10485760 (10 MB) */
  maxBytes?: number;
  /** Files per ticket. @default 5 */
  maxFiles?: number;
  /** Images wider or taller than this are downscaled before upload. @default 1920 */
  maxImageDimension?: number;
}

/** A file with its name, as the outbox sends it. */
export interface NamedBlob {
  blob: Blob;
  name: string;
}

const DEFAULT_TYPES = [
  'image/*',
  'video/mp4',
  'video/webm',
  'application/pdf',
  'text/plain',
  'application/json',
];

function accepts(types: string[], type: string): boolean {
  return types.some((t) => (t.endsWith('/*') ? type.startsWith(t.slice(0, -1)) : t === type));
}

/** Checks the files against the limits: too many, a type not accepted, or too large. */
export function checkAttachments(
  files: readonly NamedBlob[],
  limits: AttachmentLimits = {},
): RawProblem[] {
  const { types = DEFAULT_TYPES, maxBytes = 10 * 1024 * 1024, maxFiles = 5 } = limits;
  const problems: RawProblem[] = [];
  if (files.length > maxFiles)
    problems.push({ field: 'attachments', code: 'too_many_files', n: maxFiles });
  files.forEach(({ blob }, i) => {
    if (!accepts(types, blob.type || 'application/octet-stream'))
      problems.push({ field: `attachments.${i}`, code: 'file_type' });
    else if (blob.size > maxBytes)
      problems.push({
        field: `attachments.${i}`,
        code: 'file_too_large',
        n: Math.round((maxBytes / 1024 / 1024) * 10) / 10,
      });
  });
  return problems;
}

/**
 * Files as a ticket sends them: each named, large images downscaled, then checked against the
 * limits. Drafts keep their files through the same steps, so a draft never holds what a ticket
 * could not send.
 */
export async function scaleAttachments(
  files: readonly (File | NamedBlob)[],
  limits: AttachmentLimits = {},
): Promise<{ files: NamedBlob[]; problems: RawProblem[] }> {
  const named = files.map((f) => ('blob' in f ? f : { blob: f, name: f.name }));
  const scaled = await Promise.all(
    named.map(async ({ blob, name }) => ({
      name,
      blob: await downscaleImage(blob, limits.maxImageDimension),
    })),
  );
  return { files: scaled, problems: checkAttachments(scaled, limits) };
}

// Formats canvases encode everywhere; GIF (animation) and SVG (vector) are left as they are.
const SCALABLE = new Set(['image/jpeg', 'image/png', 'image/webp']);

/**
 * Downscales an image whose longer side exceeds `maxDimension`, keeping its aspect ratio, and
 * re-encodes it (PNG stays PNG for screenshots' sharp text, others become JPEG at 0.85). Off the
 * main thread's layout: createImageBitmap decodes, OffscreenCanvas encodes where present. Returns
 * the blob unchanged when it is small enough, not a scalable image, or the browser cannot decode.
 */
export async function downscaleImage(blob: Blob, maxDimension = 1920): Promise<Blob> {
  if (!SCALABLE.has(blob.type) || typeof createImageBitmap !== 'function') return blob;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    return blob;
  }
  try {
    const scale = maxDimension / Math.max(bitmap.width, bitmap.height);
    if (scale >= 1) return blob;
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const type = blob.type === 'image/png' ? 'image/png' : 'image/jpeg';
    if (typeof OffscreenCanvas === 'function') {
      const canvas = new OffscreenCanvas(width, height);
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
      return await canvas.convertToBlob({ type, quality: 0.85 });
    }
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
    return await new Promise<Blob>((resolve) =>
      canvas.toBlob((out) => resolve(out ?? blob), type, 0.85),
    );
  } finally {
    bitmap.close();
  }
}

/** The diagnostics' video still (a data URL) as an attachment, so agents open it as a file. */
export function frameToAttachment(dataUrl: string): NamedBlob | undefined {
  const match = /^data:(image\/[a-z+]+);base64,(.+)$/.exec(dataUrl);
  if (!match) return undefined;
  const bytes = Uint8Array.from(atob(match[2]!), (c) => c.charCodeAt(0));
  return {
    blob: new Blob([bytes], { type: match[1] }),
    name: match[1] === 'image/png' ? 'video-frame.png' : 'video-frame.jpg',
  };
}
