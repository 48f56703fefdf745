import type { DiagnosticsSnapshot } from './types';

/** One line of the preview the UI shows before sending: a dotted path and its value as text. */
export interface PreviewLine {
  section: string;
  path: string;
  value: string;
}

/**
 * Flattens a snapshot into the lines a "this is what will be sent" view shows, one per field, in
 * the snapshot's order. The snapshot itself is what is sent: no field is hidden from this view.
 * @example describeDiagnostics(snapshot).map((l) => `${l.path}: ${l.value}`)
 */
export function describeDiagnostics(snapshot: DiagnosticsSnapshot): PreviewLine[] {
  const lines: PreviewLine[] = [];
  const walk = (value: unknown, path: string) => {
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    } else if (value !== undefined) {
      const text = String(value);
      lines.push({
        section: path.split('.')[0]!,
        path,
        value: path === 'frame' ? `image (${Math.round(text.length / 1.37 / 1024)} KB)` : text,
      });
    }
  };
  walk(snapshot, '');
  return lines;
}

/** A copy of the snapshot without the sections the user opted out of. */
export function omitSections(
  snapshot: DiagnosticsSnapshot,
  sections: (keyof DiagnosticsSnapshot)[],
): DiagnosticsSnapshot {
  const copy = { ...snapshot };
  for (const s of sections) if (s !== 'v' && s !== 'at') delete copy[s];
  return copy;
}
