import type { Envelope } from '../../protocol';
import { linesToHtml } from './html-body';

/** A file a connector attaches besides the user's own. */
export interface RenderedFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** An envelope as an agent reads it in a helpdesk. */
export interface RenderedEnvelope {
  subject: string;
  /** Plain text: what the user wrote, who they are, the key facts of the diagnostics. */
  text: string;
  /** The same as escaped HTML, for helpdesks that render HTML bodies. */
  html: string;
  /** The raw diagnostics as `diagnostics.json`, when the envelope carried any. */
  diagnosticsFile?: RenderedFile;
}

type Bag = Record<string, unknown>;
const bag = (value: unknown): Bag =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Bag) : {};
const join = (...parts: unknown[]) =>
  parts
    .filter((p) => p !== undefined && p !== null && p !== '')
    .map(String)
    .join(' ');

/**
 * The facts agents ask for first (network, device, player state, findings) as short lines.
 * Diagnostics are opaque to the protocol, so every field is read defensively: a missing or odd
 * field drops its line, never the ticket.
 */
export function summarizeDiagnostics(diagnostics: unknown): string[] {
  const d = bag(diagnostics);
  const lines: string[] = [];
  const net = bag(d['network']);
  if (Object.keys(net).length) {
    const speed = bag(net['throughput'])['kbps'];
    lines.push(
      `Network: ${join(net['online'] === false ? 'offline' : 'online', net['type'], net['effectiveType'], speed !== undefined && `${speed} kbps measured`, net['rtt'] !== undefined && `rtt ${net['rtt']} ms`, net['cdnHost'] && `CDN ${net['cdnHost']}`)}`,
    );
  }
  const dev = bag(d['device']);
  if (Object.keys(dev).length) {
    const os = bag(dev['os']);
    const browser = bag(dev['browser']);
    const kind = bag(dev['device']);
    lines.push(
      `Device: ${join(kind['type'], kind['vendor'], kind['model'], '·', os['name'], os['version'], '·', browser['name'], browser['version'])}`,
    );
  }
  const play = bag(d['playback']);
  if (Object.keys(play).length) {
    const error = bag(play['error']);
    const size = play['width'] && play['height'] ? `${play['width']}x${play['height']}` : undefined;
    lines.push(
      `Player: ${join(play['player'], play['state'], play['currentTime'] !== undefined && `at ${play['currentTime']} s`, size, error['code'] !== undefined && `error ${error['code']}`, error['message'])}`,
    );
  }
  const findings = Array.isArray(d['findings']) ? d['findings'].map(bag) : [];
  for (const f of findings.slice(0, 5)) lines.push(`Finding: ${join(f['severity'], f['code'])}`);
  return lines;
}

/** Renders a ticket, feedback or reply for an agent; the subject carries the marker when `marker` is set. */
export function renderEnvelope(envelope: Envelope, marker?: string): RenderedEnvelope {
  const lines: string[] = [];
  let subject: string;
  if (envelope.kind === 'ticket') {
    const p = envelope.payload;
    subject = p.subject?.trim() || `[${p.category}] ${p.description.slice(0, 60)}`;
    lines.push(p.description, '', `Category: ${p.category}`);
    if (p.contact?.email || p.contact?.phone)
      lines.push(`Contact: ${join(p.contact.email, p.contact.phone)}`);
    if (p.context)
      lines.push(
        `Watching: ${join(p.context.title, p.context.episode, p.context.contentId, p.context.positionSec !== undefined && `at ${p.context.positionSec} s`)}`,
      );
    for (const [key, value] of Object.entries(p.fields ?? {}))
      lines.push(`${key}: ${JSON.stringify(value)}`);
  } else if (envelope.kind === 'feedback') {
    const p = envelope.payload;
    subject = `[feedback: ${p.type}] ${(p.comment ?? '').slice(0, 60)}`.trim();
    lines.push(p.comment ?? '', '', `Type: ${p.type}`);
    if (p.rating !== undefined) lines.push(`Rating: ${p.rating}`);
  } else if (envelope.kind === 'message') {
    const p = envelope.payload;
    subject = `[conversation] ${p.body.slice(0, 60)}`;
    lines.push(p.body);
    for (const turn of p.handover?.transcript ?? []) lines.push(`${turn.from}: ${turn.body}`);
  } else {
    subject = `Reply on ${envelope.payload.ticketId}`;
    lines.push(envelope.payload.body);
  }
  lines.push(
    `User: ${join(envelope.user?.name, envelope.user?.email, envelope.user?.id) || 'anonymous'} · App: ${join(envelope.app.id, envelope.app.version)} · Locale: ${envelope.locale}`,
  );
  const facts = summarizeDiagnostics(envelope.diagnostics);
  if (facts.length) lines.push('', 'Diagnostics (full data in diagnostics.json):', ...facts);
  if (marker) {
    subject = `${subject} [${marker}]`;
    lines.push('', `[${marker}]`);
  }
  const text = lines.join('\n');
  const html = linesToHtml(lines);
  const diagnosticsFile = envelope.diagnostics
    ? {
        name: 'diagnostics.json',
        type: 'application/json',
        bytes: new TextEncoder().encode(JSON.stringify(envelope.diagnostics, null, 2)),
      }
    : undefined;
  return { subject, text, html, ...(diagnosticsFile ? { diagnosticsFile } : {}) };
}

/** Base64 of bytes, for JSON APIs that take files inline (RT, Freshdesk's JSON variant). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode's argument list well under engines' limits.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
