import { fill } from '../../locales/load';
import type { WidgetMessages } from '../../locales/types';
import { tracked } from '../signals';

/**
 * The files picked for a ticket, each removable; the input accepts what the SDK accepts. The
 * native input is hidden behind a button in the widget's language: its own "Choose files / No
 * file chosen" speaks the browser's, and says "no file" even after a pick (its value is cleared
 * so that the same file can be picked again). The list below is what will be sent.
 */
export const Attachments = tracked(function Attachments({
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
      <p id="kefu-files-label" class="label">
        {t.attachments}
      </p>
      <label class="button pick">
        {t.addFiles}
        <input
          id="kefu-files"
          type="file"
          class="sr"
          aria-describedby="kefu-files-label"
          multiple
          accept="image/*,video/mp4,video/webm,application/pdf,text/plain"
          onChange={(e) => {
            onChange([...files, ...Array.from(e.currentTarget.files ?? [])]);
            e.currentTarget.value = '';
          }}
        />
      </label>
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
});
