import type { FieldProblem } from '../errors/format-issues';
import { KefuError } from '../errors/kefu-error';
import type { WatchContext } from '../protocol';
import {
  frameToAttachment,
  scaleAttachments,
  type AttachmentLimits,
  type NamedBlob,
} from './attachments';
import { normalizeField } from './fields';
import { categoryOf, validateDraft, type FormOptions, type TicketDraft } from './form';
import { localizeProblems } from './localize';

/** A ticket as the app submits it: the draft plus files, diagnostics and routing. */
export interface TicketSubmission extends TicketDraft {
  attachments?: (File | NamedBlob)[];
  /** A snapshot from `captureDiagnostics`; sent only when `includeDiagnostics` is not false. */
  diagnostics?: Record<string, unknown>;
  /** The user's choice after seeing the preview. @default true when `diagnostics` is given */
  includeDiagnostics?: boolean;
  /** Attach the diagnostics' video still as a file. @default true when diagnostics are included */
  includeFrame?: boolean;
  priority?: 'normal' | 'high' | 'urgent';
  vip?: boolean;
  team?: string;
  context?: WatchContext;
}

/** The ticket checked and ready for the envelope: wire fields, files, diagnostics. */
export interface PreparedTicket {
  payload: Record<string, unknown>;
  files: NamedBlob[];
  diagnostics?: Record<string, unknown>;
}

/** Throws KefuError('invalid_input') naming the first field, its message in the user's language. */
export function refuse(problems: FieldProblem[], cause?: unknown): never {
  throw Object.assign(
    new KefuError('invalid_input', problems.map((p) => p.message).join('; '), {
      field: problems[0]!.field,
      cause,
    }),
    { problems },
  );
}

/**
 * Checks a submission against its category's form and the attachment limits, downscales large
 * images, turns the diagnostics' video still into a file, and fills routing from the category.
 */
export async function prepareTicket(
  input: TicketSubmission,
  options: FormOptions & { limits?: AttachmentLimits; vip?: boolean; context?: WatchContext },
): Promise<PreparedTicket> {
  const problems = validateDraft(input, options);
  const { files: scaled, problems: fileProblems } = await scaleAttachments(
    (input.attachments ?? []) as (File | NamedBlob)[],
    options.limits,
  );
  // A file is named by its file name: "log.txt：文件超过 10 MB".
  const fileName = (field: string) => scaled[Number(field.split('.')[1])]?.name;
  problems.push(...localizeProblems(fileProblems, options.messages, fileName));
  if (problems.length) refuse(problems);

  let diagnostics: Record<string, unknown> | undefined;
  if (input.diagnostics && input.includeDiagnostics !== false) {
    // The still travels as a file (agents open it), not as a data URL inside the JSON.
    const { frame, ...rest } = input.diagnostics;
    diagnostics = rest;
    const still =
      input.includeFrame !== false && typeof frame === 'string'
        ? frameToAttachment(frame)
        : undefined;
    if (still) scaled.push(still);
  }
  const category = categoryOf(input.category, options)!;
  const {
    attachments: _a,
    diagnostics: _d,
    includeDiagnostics: _i,
    includeFrame: _f,
    ...wire
  } = input;
  const context = input.context ?? options.context;
  const vip = input.vip ?? options.vip;
  const team = input.team ?? category.team;
  const priority = input.priority ?? category.priority;
  const payload: Record<string, unknown> = {
    ...wire,
    // The app's id for the category, also when the caller named it by an alias of its topic.
    category: category.id,
    ...(context ? { context } : {}),
    ...(vip ? { vip } : {}),
    ...(team ? { team } : {}),
    ...(priority ? { priority } : {}),
  };
  if (wire.fields) {
    const specs = new Map((category.fields ?? []).map((f) => [f.name, f]));
    const filled = Object.entries(wire.fields).filter(
      ([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && !v.length),
    );
    payload.fields = Object.fromEntries(
      filled.map(([k, v]) => [k, specs.has(k) ? normalizeField(specs.get(k)!, v) : v]),
    );
  }
  return { payload, files: scaled, ...(diagnostics ? { diagnostics } : {}) };
}
