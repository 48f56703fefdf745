import { KefuError } from '../errors/kefu-error';

// What createKefu says about options it does not know, loaded with import() only when a config
// has one (src/client/config.ts): a correct setup never downloads the edit distance. The known
// names come as arguments, so that their table stays in the sending code, not in a file of its
// own that both would load.

// Names other SDKs use for the same option, which no edit distance would find.
const SYNONYMS: Record<string, string> = {
  lang: 'locale',
  language: 'locale',
  url: 'endpoint',
  baseurl: 'endpoint',
  apiurl: 'endpoint',
  api: 'endpoint',
  app: 'appId',
  version: 'appVersion',
  timeout: 'timeoutMs',
  userid: 'user',
};

// Edits between two names, a swap of neighbours counting as one (`emial`, `loacle`).
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  return d[a.length]![b.length]!;
}

/** The known name an unknown one most likely meant, if any is close. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase().replace(/[-_]/g, '');
  const synonym = SYNONYMS[lower];
  if (synonym && known.includes(synonym)) return synonym;
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(key.length / 3)) + 1;
  for (const name of known) {
    const d = distance(lower, name.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

function unknownIn(value: unknown, known: object, prefix: string): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const names = Object.keys(known);
  return Object.keys(value)
    .filter((key) => !names.includes(key))
    .map((key) => {
      const guess = closestKey(key, names);
      return `unknown option \`${prefix}${key}\`${guess ? `: did you mean \`${prefix}${guess}\`?` : ''}`;
    });
}

/**
 * Throws KefuError('invalid_config') naming every option createKefu does not know, with the
 * closest known name: a typo (`endpiont`, `lang`) would otherwise be dropped silently.
 */
export function checkConfigKeys(config: object, configKeys: object, userKeys: object): void {
  const problems = [
    ...unknownIn(config, configKeys, ''),
    ...unknownIn((config as { user?: unknown }).user, userKeys, 'user.'),
  ];
  if (!problems.length) return;
  const field = /`([^`]+)`/.exec(problems[0]!)![1];
  throw new KefuError(
    'invalid_config',
    `createKefu: ${problems.join('; ')}. Known options: ${Object.keys(configKeys).join(', ')}.`,
    { field },
  );
}
