import { readdirSync } from 'node:fs';
import { gzipSizeOf, splitSizeOf } from '../size/measure';
import type { BenchSection } from './report';

// The cost of the ticket path (issue 5) in gzip bytes on top of createKefu: what loads at start,
// what loads on first use, and how much of the lazily loaded runtime the ticket path adds to the
// sending core (config, transport, outbox, wire schemas). Needs `npm run build` (npm run bench does).
const CREATE = "import { createKefu } from 'kefu'; console.log(createKefu)";
const TICKETS =
  "import { createKefu } from 'kefu'; const k = createKefu({ endpoint: '/api', appId: 'a' }); k.ticketForm('playback'); k.drafts.autosave('playback', { category: 'playback' }); k.submitTicket({ category: 'playback', description: 'x' }); k.tickets.refresh(); k.submitFeedback({ type: 'csat', rating: 5 });";
// The sending core alone, built from src the same way: what the runtime was before the ticket path.
const CORE =
  "import { parseConfig } from './src/client/config'; import { createOutbox, createTransport } from './src/transport'; import { buildFeedback, buildReply, buildTicket } from './src/client/build-envelope'; console.log(parseConfig, createOutbox, createTransport, buildFeedback, buildReply, buildTicket)";
const FULL = "import { startRuntime } from './src/client/runtime'; console.log(startRuntime)";

export default async function bench(): Promise<BenchSection> {
  const create = await splitSizeOf(CREATE);
  const tickets = await splitSizeOf(TICKETS);
  const runtimeFile = readdirSync('dist').find((f) => /^runtime-[A-Z0-9]+\.js$/.test(f))!;
  const runtime = await gzipSizeOf(`import * as r from './dist/${runtimeFile}'; console.log(r)`, {
    external: ['kefu/*'],
  });
  const core = await gzipSizeOf(CORE);
  const full = await gzipSizeOf(FULL);
  const en = await gzipSizeOf("import { en } from './src/tickets/messages/en'; console.log(en)");
  const zh = await gzipSizeOf(
    "import { zhCN } from './src/tickets/messages/zh-CN'; console.log(zhCN)",
  );
  return {
    title: 'Ticket path: gzip bytes on top of createKefu',
    rows: [
      { import: 'createKefu (nothing called)', start: create.initial, 'on first use': create.lazy },
      {
        import: 'createKefu + forms, drafts, submitTicket, tickets.refresh, submitFeedback',
        start: tickets.initial,
        'on first use': tickets.lazy,
      },
      {
        import: 'lazily loaded runtime alone (dist, both locales inlined)',
        start: 0,
        'on first use': runtime.gzip,
      },
      {
        import: 'sending core from src (config, transport, outbox, schemas)',
        start: 0,
        'on first use': core.gzip,
      },
      {
        import: 'runtime from src with the ticket path (both locales inlined)',
        start: 0,
        'on first use': full.gzip,
      },
      {
        import: 'ticket path on top of the sending core',
        start: 0,
        'on first use': full.gzip - core.gzip,
      },
      {
        import: 'message table en (one chunk, loaded for its locale only)',
        start: 0,
        'on first use': en.gzip,
      },
      { import: 'message table zh-CN', start: 0, 'on first use': zh.gzip },
    ],
    notes: [
      'start: what an app loads before any call; on first use: what the first form, draft or submission loads (import()).',
      "The ticket path adds nothing at start beyond the shell's delegating methods; an app loads one locale table, not both.",
      "\"on first use\" of the first two rows includes every chunk reachable from 'kefu', diagnostics' player adapters among them.",
    ],
  };
}
