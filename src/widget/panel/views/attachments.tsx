import { fill } from '../../locales/load';
import type { WidgetMessages } from '../../locales/types';

/** The files picked for a ticket, each removable; the input accepts what the SDK accepts. */
export function Attachments({
  t,
  files,
  onChange,
}: {
  t: WidgetMessages['ticket'];
  files: File[];
  onChange: (files: File[]) => void;
}) {
  return (
    <div class="field">
      <label for="kefu-files">{t.attachments}</label>
      <input
        id="kefu-files"
        type="file"
        multiple
        accept="image/*,video/mp4,video/webm,application/pdf,text/plain"
        onChange={(e) => {
          onChange([...files, ...Array.from(e.currentTarget.files ?? [])]);
          e.currentTarget.value = '';
        }}
      />
      {files.length ? (
        <ul class="plain files">
          {files.map((file, i) => (
            <li key={`${file.name}-${i}`}>
              <span>{file.name}</span>
              <button
                type="button"
                aria-label={fill(t.removeFile, { name: file.name })}
                onClick={() => onChange(files.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
