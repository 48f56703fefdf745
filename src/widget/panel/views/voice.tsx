import { tracked, useSignal } from '../signals';
import { useEffect, useRef } from 'preact/hooks';

// The Web Speech API's recognizer, as far as the search box uses it.
interface Recognizer {
  lang: string;
  interimResults: boolean;
  onresult: ((event: { results: ArrayLike<ArrayLike<{ transcript: string }>> }) => void) | null;
  onend: (() => void) | null;
  onerror: (() => void) | null;
  start(): void;
  abort(): void;
}
type RecognizerClass = new () => Recognizer;

const recognizerClass = (): RecognizerClass | undefined => {
  const w = globalThis as unknown as {
    SpeechRecognition?: RecognizerClass;
    webkitSpeechRecognition?: RecognizerClass;
  };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition;
};

/**
 * A microphone button beside the search box, where the browser offers speech recognition: what
 * the user says becomes the query as they speak. Nothing is shown where it is not offered.
 */
export const VoiceButton = tracked(function VoiceButton({
  lang,
  label,
  listening,
  onText,
  onStatus,
}: {
  lang: string;
  label: string;
  listening: string;
  onText: (text: string) => void;
  onStatus: (text: string) => void;
}) {
  const active = useSignal(false);
  const current = useRef<Recognizer | null>(null);
  useEffect(() => () => current.current?.abort(), []);
  const Recognition = recognizerClass();
  if (!Recognition) return null;
  const start = () => {
    if (active.value) return current.current?.abort();
    const recognizer = new Recognition();
    recognizer.lang = lang;
    recognizer.interimResults = true;
    recognizer.onresult = (event) =>
      onText(Array.from(event.results, (r) => r[0]?.transcript ?? '').join(''));
    recognizer.onend = recognizer.onerror = () => {
      active.value = false;
      current.current = null;
    };
    current.current = recognizer;
    active.value = true;
    onStatus(listening);
    recognizer.start();
  };
  return (
    <button
      type="button"
      class="icon voice"
      aria-label={label}
      aria-pressed={active.value}
      onClick={start}
    >
      {/* Drawn, not an emoji: TVs and many Linux and Android WebViews have no emoji font. */}
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="currentColor">
        <path d="M12 15a3 3 0 0 0 3-3V6a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-2.1a7 7 0 0 0 6-6.9z" />
      </svg>
    </button>
  );
});
