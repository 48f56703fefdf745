/**
 * The modules whose promises mutation testing guards: each names the files mutated and the test
 * files that must kill every mutant on their own (a mutant one of them misses is a guarantee that
 * can break unnoticed). Scores are per module, so a weak module cannot hide behind a strong one.
 */
export interface MutationModule {
  /** What `npm run mutation -- <name>` selects. */
  name: string;
  /** The promise these files keep, in a few words. */
  promise: string;
  mutate: string[];
  testFiles: string[];
}

/** Lowest acceptable mutation score per module, in percent. */
export const GOAL = 90;

export const MODULES: MutationModule[] = [
  {
    name: 'transport',
    promise: 'every answer classified: sent, retried (with Retry-After) or rejected',
    mutate: ['src/transport/transport.ts', 'src/transport/adapters.ts'],
    testFiles: ['test/transport/transport.test.ts', 'test/transport/adapters.test.ts'],
  },
  {
    name: 'retry-timing',
    promise: 'backoff with full jitter, never before Retry-After',
    mutate: ['src/shared/retry-timing.ts'],
    testFiles: ['test/shared/retry-timing.test.ts'],
  },
  {
    name: 'outbox',
    promise: 'written before the first send, deleted only when acknowledged, one tab at a time',
    mutate: [
      'src/transport/outbox.ts',
      'src/transport/outbox-entry.ts',
      'src/transport/locks.ts',
      'src/transport/page-events.ts',
    ],
    testFiles: [
      'test/transport/outbox.test.ts',
      'test/transport/outbox-durability.test.ts',
      'test/transport/outbox-page.test.ts',
      'test/transport/outbox-storage.test.ts',
      'test/transport/outbox-tabs.test.ts',
      'test/transport/outbox-attempts.test.ts',
      'test/transport/outbox-order.test.ts',
      'test/transport/outbox-entry.test.ts',
      'test/transport/server-side.test.ts',
      'test/transport/locks.test.ts',
    ],
  },
  {
    name: 'relay-parsing',
    promise: 'what arrives is bounded and validated before anything is stored',
    mutate: [
      'src/relay/parse-submission.ts',
      'src/relay/read-body.ts',
      'src/relay/multipart.ts',
      'src/relay/check-attachments.ts',
    ],
    testFiles: [
      'test/relay/writes.test.ts',
      'test/relay/limits.test.ts',
      'test/relay/multipart.test.ts',
      'test/relay/multipart-parser.test.ts',
      'test/relay/streaming-upload.test.ts',
      'test/relay/read-body.test.ts',
      'test/relay/parse-submission.test.ts',
      'test/relay/check-attachments.test.ts',
    ],
  },
  {
    name: 'deduplication',
    promise: 'one stored submission per idempotency key, a reused key with other content refused',
    mutate: ['src/relay/handle-write.ts'],
    testFiles: [
      'test/relay/writes.test.ts',
      'test/relay/delivery.property.test.ts',
      // Racing duplicates; a multipart duplicate answered before its attachments are staged; a
      // repeated ticket answering its status only to its author.
      'test/relay/isolation.test.ts',
      'test/relay/streaming-upload.test.ts',
      'test/relay/multipart.test.ts',
      'test/relay/authorship.test.ts',
    ],
  },
  {
    name: 'authorization-and-stores',
    promise: 'a ticket read only by whom the app authorizes; stored what was acknowledged',
    // authorship.ts decides whether a request proves a ticket's author (its secret, its user);
    // handle-message.ts whether it proves a conversation's (reads, messages, marks, typing);
    // stream-proofs.ts and stream-token.ts what a stream may read; memory-log.ts's scope filter
    // which events a reader gets. The memory store is memory-store.ts with its conversations,
    // log and forward queue. The routes that only call these (handle-conversation.ts,
    // handle-stream.ts) and the live fan-out (live-streams.ts, a per-instance index of scopes the
    // stream tests guard) are left out: their decisions are the ones mutated here.
    mutate: [
      'src/relay/handle-read.ts',
      'src/relay/authorship.ts',
      'src/relay/handle-message.ts',
      'src/relay/stream-proofs.ts',
      'src/relay/stream-token.ts',
      'src/relay/memory-store.ts',
      'src/relay/memory-conversations.ts',
      'src/relay/memory-log.ts',
      'src/relay/memory-queue.ts',
      'src/relay/store.ts',
    ],
    // The SQL stores' contracts run on the memory store in memory-store.test.ts; their SQLite
    // and PostgreSQL runs are left out (a mutant of the memory store cannot change them).
    testFiles: [
      'test/relay/reads.test.ts',
      'test/relay/authorship.test.ts',
      'test/relay/isolation.test.ts',
      'test/relay/memory-store.test.ts',
      'test/relay/live/conversations.test.ts',
      'test/relay/live/stream.test.ts',
      'test/relay/stream-token.test.ts',
      'test/relay/stream-proofs.test.ts',
      'test/relay/handle-message.test.ts',
      'test/relay/memory-queue.test.ts',
      'test/relay/store.test.ts',
    ],
  },
  {
    name: 'stream-admission',
    promise:
      'stream opens admitted at a rate that falls while the process runs late; past it a 503 whose Retry-After is the queue place',
    // open-pacing.ts lowers that rate while the process runs late.
    mutate: ['src/relay/stream-admission.ts', 'src/relay/open-pacing.ts'],
    testFiles: [
      'test/relay/stream-admission.test.ts',
      'test/relay/live/admission.test.ts',
      'test/relay/open-pacing.test.ts',
    ],
  },
  {
    name: 'identity',
    promise: 'a user id only from a token its key signed, unexpired, of the configured algorithm',
    // base64url.ts decodes the token's parts: a lenient decoder would accept what was not signed.
    mutate: ['src/relay/identity.ts', 'src/relay/base64url.ts'],
    testFiles: ['test/relay/identity.test.ts', 'test/relay/base64url.test.ts'],
  },
  {
    name: 'redaction',
    promise: 'no token, secret or personal data leaves in diagnostics',
    mutate: ['src/diagnostics/redact.ts'],
    testFiles: ['test/diagnostics/redact.test.ts'],
  },
  {
    name: 'escaping',
    promise: 'user text is shown as text: Markdown, helpdesk HTML, the agent inbox',
    mutate: [
      'src/widget/panel/markdown.ts',
      'src/widget/panel/markdown-view.tsx',
      'src/shared/escape-html.ts',
      'src/relay/connectors/html-body.ts',
      'examples/server/console/html.ts',
    ],
    testFiles: [
      'test/widget/markdown.test.ts',
      'test/widget/markdown-view.test.tsx',
      'test/shared/escape-html.test.ts',
      'test/relay/connectors/html-body.test.ts',
      'test/server/console/html.test.ts',
    ],
  },
  {
    name: 'diagnose',
    promise: 'findings worst first, each threshold exact on both sides',
    mutate: ['src/diagnostics/diagnose.ts'],
    testFiles: [
      'test/diagnostics/diagnose.test.ts',
      'test/diagnostics/diagnose-boundaries.test.ts',
    ],
  },
  {
    name: 'faq-scoring',
    promise: 'the best answer first: IDF, field boosts, coverage, similar questions',
    mutate: ['src/faq/search.ts', 'src/faq/engine.ts', 'src/faq/query.ts', 'src/faq/rerank.ts'],
    testFiles: [
      'test/faq/search.test.ts',
      'test/faq/ranking.test.ts',
      'test/faq/questions.test.ts',
      'test/faq/relevance.test.ts',
      'test/faq/confidence.test.ts',
      // rerank.ts computes the evidence confidence() reads; these tests pin each of its terms.
      'test/faq/evidence.test.ts',
      'test/faq/rerank.test.ts',
      // The index's bookkeeping (lengths, packed counts, removal), read through toJSON and scores.
      'test/faq/engine.test.ts',
      // What parseQuery makes of a query: each term's weight and units, and its expansions.
      'test/faq/query.test.ts',
      'test/faq/query-expansions.test.ts',
      // Exact BM25F scores per field, coverage, synonym groups and ties.
      'test/faq/scores.test.ts',
      'test/faq/highlight.test.ts',
    ],
  },
];
