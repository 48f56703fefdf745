import { KefuError } from '../errors/kefu-error';
import { api, emptyState } from './create';
import { FIELDS } from './engine';
import { FORMAT_VERSION } from './serialize';
import type { FaqIndex, FaqIndexOptions, SerializedFaqIndex } from './types';

/**
 * Restores an index from `index.toJSON()` (or its JSON text) without re-tokenizing: posting lists
 * are decoded when a search first needs them. Pass the options the index was built with.
 * Throws a KefuError `invalid_input` when the snapshot is of another format version.
 * @example const index = loadFaqIndex(await (await fetch('/faq-index.json')).json());
 */
/* @__NO_SIDE_EFFECTS__ */
export function loadFaqIndex(
  json: SerializedFaqIndex | string,
  options: FaqIndexOptions = {},
): FaqIndex {
  const data = (
    typeof json === 'string' ? JSON.parse(json) : json
  ) as Partial<SerializedFaqIndex> | null;
  if (data?.v !== FORMAT_VERSION)
    throw new KefuError(
      'invalid_input',
      `Serialized FAQ index has format version ${String(data?.v)}, this kefu reads version ${FORMAT_VERSION}: rebuild it with createFaqIndex(articles).toJSON()`,
      { field: 'v' },
    );
  const { articles = [], lens = [], terms = '', postings = '' } = data;
  if (!Array.isArray(articles) || lens.length !== articles.length * FIELDS)
    throw new KefuError(
      'invalid_input',
      `Serialized FAQ index is damaged: \`lens\` must hold ${FIELDS} numbers per article`,
      { field: 'lens' },
    );
  if (data.t !== (options.traditional ? 1 : 0))
    throw new KefuError(
      'invalid_input',
      `Serialized FAQ index was built ${data.t ? 'with' : 'without'} the \`traditional\` option: load it the same way`,
      {
        field: 'traditional',
      },
    );
  const state = emptyState(options);
  // A copy: adding to the index must not change the snapshot the app passed in.
  state.lens = [...lens];
  articles.forEach((a, slot) => {
    state.docs.push(a ?? undefined);
    if (!a) return;
    state.ids.set(a.id, slot);
    state.count++;
    for (let f = 0; f < FIELDS; f++) state.sum[f] = state.sum[f]! + lens[slot * FIELDS + f]!;
  });
  if (terms) {
    const keys = terms.split('\n');
    const lists = postings.split('\n');
    keys.forEach((t, i) => state.post.set(t, lists[i]!));
  }
  return api(state);
}
