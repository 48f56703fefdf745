import { useEffect, useState } from 'preact/hooks';

const onLine = () => typeof navigator === 'undefined' || navigator.onLine !== false;

/**
 * Whether the browser says it has a network, followed as it changes. `navigator.onLine` can only
 * be trusted when false (a captive portal is "online"), which is the only way it is used here.
 */
export function useOnline(): boolean {
  const [online, setOnline] = useState(onLine);
  useEffect(() => {
    const update = () => setOnline(onLine());
    addEventListener('online', update);
    addEventListener('offline', update);
    return () => {
      removeEventListener('online', update);
      removeEventListener('offline', update);
    };
  }, []);
  return online;
}
