import type { FormField, TicketDraft } from '../../../tickets';
import { OptionList } from './option-list';
import { tracked } from '../signals';

/** Reads a dotted path (`contact.email`, `fields.orderNumber`) from a draft. */
export function getPath(draft: TicketDraft, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (at, key) =>
        at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined,
      draft,
    );
}

/** A copy of the draft with one dotted path set. */
export function setPath(draft: TicketDraft, path: string, value: unknown): TicketDraft {
  const [head, ...rest] = path.split('.');
  const base = draft as unknown as Record<string, unknown>;
  if (!rest.length) return { ...draft, [head!]: value };
  const inner = (base[head!] ?? {}) as TicketDraft;
  return { ...draft, [head!]: setPath(inner, rest.join('.'), value) };
}

/**
 * The form field a server's refusal names, or undefined when the form does not show it. Servers
 * name fields their own way: the reference relay by envelope path (`payload.contact.email`,
 * `payload.fields.orderNumber`), others by the draft's path (`contact.email`) or the bare key
 * (`email`, `orderNumber`).
 */
export function fieldNamed(
  wire: string | undefined,
  fields: readonly FormField[],
): string | undefined {
  const path = wire?.replace(/^payload\./, '');
  return path
    ? fields.find(
        (f) => f.name === path || f.name === `fields.${path}` || f.name.split('.').pop() === path,
      )?.name
    : undefined;
}

const INPUT_TYPES: Partial<Record<FormField['type'], 'email' | 'tel' | 'number' | 'date'>> = {
  email: 'email',
  phone: 'tel',
  number: 'number',
  date: 'date',
};
const AUTOCOMPLETE: Partial<Record<string, string>> = {
  'contact.email': 'email',
  'contact.phone': 'tel',
};

/**
 * One control of the ticket form, chosen by the field's type, labelled, and with its problem
 * shown under it and tied to it with aria-describedby.
 */
export const FieldControl = tracked(function FieldControl({
  field,
  value,
  error,
  choose,
  tv = false,
  onChange,
}: {
  field: FormField;
  value: unknown;
  error?: string;
  choose: string;
  /** A TV's layout: a select becomes a list of options a remote can move through. */
  tv?: boolean;
  onChange: (value: unknown) => void;
}) {
  const id = `kefu-f-${field.name.replace(/\W/g, '-')}`;
  // Problems read "{label}: {reason}"; under its own label the reason alone is clearer.
  if (error?.startsWith(field.label))
    error = error.slice(field.label.length).replace(/^\s*[:：]\s*/, '');
  const described = error ? `${id}-err` : undefined;
  const common = {
    id,
    name: field.name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described,
    'aria-required': field.required || undefined,
  };
  const label = (
    <label for={id}>
      {field.label}
      {field.required ? ' *' : ''}
    </label>
  );
  let control: preact.JSX.Element;
  if (field.type === 'longText') {
    control = (
      <textarea
        {...common}
        rows={5}
        value={String(value ?? '')}
        onInput={(e) => onChange(e.currentTarget.value)}
      />
    );
  } else if (field.type === 'select' && tv) {
    return (
      <OptionList
        id={id}
        legend={field.label}
        options={field.options ?? []}
        value={String(value ?? '')}
        error={error}
        required={field.required}
        onChange={onChange}
      />
    );
  } else if (field.type === 'select') {
    control = (
      <select
        {...common}
        value={String(value ?? '')}
        onChange={(e) => onChange(e.currentTarget.value || undefined)}
      >
        <option value="">{choose}</option>
        {field.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (field.type === 'multiSelect' || field.type === 'checkbox') {
    const picked = Array.isArray(value) ? (value as string[]) : [];
    const options =
      field.type === 'checkbox' ? [{ value: 'yes', label: field.label }] : (field.options ?? []);
    return (
      <fieldset class="field" aria-describedby={described} aria-invalid={error ? true : undefined}>
        <legend>
          {field.label}
          {field.required ? ' *' : ''}
        </legend>
        {options.map((o) => (
          <label key={o.value} class="check">
            <input
              type="checkbox"
              checked={field.type === 'checkbox' ? value === true : picked.includes(o.value)}
              onChange={(e) =>
                onChange(
                  field.type === 'checkbox'
                    ? e.currentTarget.checked
                    : e.currentTarget.checked
                      ? [...picked, o.value]
                      : picked.filter((v) => v !== o.value),
                )
              }
            />
            {o.label}
          </label>
        ))}
        {error ? (
          <p id={described} class="error">
            {error}
          </p>
        ) : null}
      </fieldset>
    );
  } else {
    control = (
      <input
        {...common}
        type={(INPUT_TYPES[field.type] ?? 'text') as 'text'}
        autoComplete={AUTOCOMPLETE[field.name] ?? 'off'}
        value={String(value ?? '')}
        onInput={(e) => onChange(e.currentTarget.value)}
      />
    );
  }
  return (
    <div class="field">
      {label}
      {control}
      {error ? (
        <p id={described} class="error">
          {error}
        </p>
      ) : null}
    </div>
  );
});
