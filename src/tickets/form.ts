import type { FieldProblem } from '../errors';
import { toTopic } from '../protocol/topics';
import type { CategorySpec } from './categories';
import { validateContact } from './contact';
import { validateField, type FieldSpec, type FieldType, type RawProblem } from './fields';
import { localizeProblems, pick } from './localize';
import type { Messages } from './messages/types';

/** What the form functions need to know about the app and the user. */
export interface FormOptions {
  categories: readonly CategorySpec[];
  locale: string;
  messages: Messages;
  /** The region phone numbers are checked for. @default 'CN' */
  region?: string;
  /** The signed-in user, to prefill the contact. */
  user?: { email?: string; phone?: string };
}

/** What a user has typed so far: also what drafts store. */
export interface TicketDraft {
  category: string;
  subject?: string;
  description?: string;
  contact?: { email?: string; phone?: string };
  fields?: Record<string, unknown>;
  /**
   * The user's answer to "attach device and network info": kept with the draft, so a restored
   * draft keeps a "no" rather than asking again with the box ticked.
   */
  includeDiagnostics?: boolean;
}

/** One control of the form, with its label in the user's language. */
export interface FormField {
  /** The dotted path in the draft: `subject`, `contact.phone`, `fields.orderNumber`. */
  name: string;
  type: FieldType | 'email' | 'phone';
  label: string;
  required: boolean;
  options?: { value: string; label: string }[];
  min?: number;
  max?: number;
}

/** Everything a UI needs to render a category's form; validation uses the same description. */
export interface FormDescription {
  category: string;
  label: string;
  team?: string;
  priority: 'normal' | 'high' | 'urgent';
  fields: FormField[];
  /** Whether the diagnostics checkbox (and its preview) is offered. */
  diagnostics: boolean;
  attachments: boolean;
  /** Initial values: the contact prefilled from the user. */
  initial: Partial<TicketDraft>;
}

const BUILT_IN: FieldSpec[] = [
  { name: 'subject', type: 'text', max: 300 },
  { name: 'description', type: 'longText', required: true, max: 20_000 },
];

/**
 * The category an id names: the app's own id first, else the category of its topic, so a FAQ
 * article's `membership` or a link's `content` opens the `payment` or `copyright` form.
 */
export function categoryOf(id: string | undefined, options: FormOptions): CategorySpec | undefined {
  if (typeof id !== 'string') return undefined;
  const { categories } = options;
  return categories.find((c) => c.id === id) ?? categories.find((c) => c.id === toTopic(id));
}

/** The form of one category in the user's language, or undefined for an unknown category. */
export function describeForm(
  categoryId: string,
  options: FormOptions,
): FormDescription | undefined {
  const category = categoryOf(categoryId, options);
  if (!category) return undefined;
  const { locale, messages } = options;
  const label = (name: string, own?: Record<string, string>) =>
    pick(own, locale) ?? messages.labels[name] ?? name;
  const field = (spec: FieldSpec, path: string): FormField => ({
    name: path,
    type: spec.type,
    label: label(spec.name, spec.label),
    required: spec.required ?? false,
    ...(spec.options
      ? {
          options: spec.options.map((o) => ({
            value: o.value,
            label: pick(o.label, locale) ?? o.value,
          })),
        }
      : {}),
    ...(spec.min !== undefined ? { min: spec.min } : {}),
    ...(spec.max !== undefined ? { max: spec.max } : {}),
  });
  const contactRequired = category.contactRequired ?? false;
  const contact =
    options.user?.email || options.user?.phone
      ? {
          contact: {
            ...(options.user.email ? { email: options.user.email } : {}),
            ...(options.user.phone ? { phone: options.user.phone } : {}),
          },
        }
      : {};
  return {
    category: category.id,
    label: label(category.id, category.label),
    ...(category.team ? { team: category.team } : {}),
    priority: category.priority ?? 'normal',
    fields: [
      ...BUILT_IN.map((spec) => field(spec, spec.name)),
      {
        name: 'contact.email',
        type: 'email',
        label: label('contact.email'),
        required: contactRequired,
      },
      { name: 'contact.phone', type: 'phone', label: label('contact.phone'), required: false },
      ...(category.fields ?? []).map((spec) => field(spec, `fields.${spec.name}`)),
    ],
    diagnostics: category.diagnostics ?? false,
    attachments: category.attachments ?? true,
    initial: { category: category.id, ...contact },
  };
}

/**
 * Checks a draft against its category's form: every problem, each naming the field and why in
 * the user's language. An empty list means the draft can be submitted.
 */
export function validateDraft(draft: TicketDraft, options: FormOptions): FieldProblem[] {
  const category = categoryOf(draft?.category, options);
  const form = category && describeForm(category.id, options);
  const labelOf = (name: string) => form?.fields.find((f) => f.name === name)?.label;
  if (!category)
    return localizeProblems(
      [{ field: 'category', code: 'unknown_category' }],
      options.messages,
      labelOf,
    );
  const problems: RawProblem[] = [];
  for (const spec of BUILT_IN) {
    const problem = validateField(
      spec,
      (draft as unknown as Record<string, unknown>)[spec.name],
      spec.name,
    );
    if (problem) problems.push(problem);
  }
  problems.push(
    ...validateContact(draft.contact, options.region ?? 'CN', category.contactRequired ?? false),
  );
  for (const spec of category.fields ?? []) {
    const problem = validateField(spec, draft.fields?.[spec.name]);
    if (problem) problems.push(problem);
  }
  return localizeProblems(problems, options.messages, labelOf);
}
