import { tracked } from '../signals'; /**
 * A choice among a few options as a list of radio buttons: what a TV remote can use, where a
 * `<select>` takes every arrow key and changes its value under the user. Arrows move focus over
 * the options (the D-pad handler), OK picks one; on a keyboard it is a native radio group.
 */
export const OptionList = tracked(function OptionList({
  id,
  legend,
  options,
  value,
  error,
  required,
  onChange,
}: {
  id: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  value: string;
  error?: string | undefined;
  required?: boolean | undefined;
  onChange: (value: string) => void;
}) {
  const described = error ? `${id}-err` : undefined;
  return (
    <fieldset
      class="field options"
      id={id}
      aria-describedby={described}
      aria-invalid={error ? true : undefined}
    >
      <legend>
        {legend}
        {required ? ' *' : ''}
      </legend>
      {options.map((o) => (
        <label key={o.value} class="check">
          <input
            type="radio"
            name={id}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
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
});
