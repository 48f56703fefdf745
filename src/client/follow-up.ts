import { KefuError } from '../errors/kefu-error';
import { ticketStateSchema } from '../protocol';
import {
  createTicketHistory,
  localizeProblems,
  type Messages,
  type TicketRecord,
} from '../tickets';
import type { KeyValueStore } from '../storage';
import type { KefuUser, ResolvedConfig } from './config';
import type { Emitter } from './emitter';
import type { KefuEvents } from './types';

/** "My tickets": the local history, refreshed from `GET {endpoint}/tickets/{id}`. */
export interface FollowUp {
  history: ReturnType<typeof createTicketHistory>;
  /**
   * Reads every ticket of `user` that is not closed from the server, proving authorship with each
   * ticket's secret and the user's signed token; one failing ticket does not stop the others.
   */
  refresh(user: KefuUser | undefined): Promise<TicketRecord[]>;
  /** The user's record a reply or survey is for, or a localized invalid_input when it cannot take one. */
  openTicket(
    key: string,
    user: KefuUser | undefined,
    messages: Messages,
    forReply: boolean,
  ): Promise<TicketRecord & { id: string }>;
}

/* @__NO_SIDE_EFFECTS__ */
export function createFollowUp(
  config: ResolvedConfig,
  store: KeyValueStore,
  events: Emitter<KefuEvents>,
): FollowUp {
  const history = createTicketHistory(store);
  const base = config.endpoint.replace(/\/+$/, '');

  const read = async (record: TicketRecord & { id: string }, user: KefuUser | undefined) => {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...(config.auth ? await config.auth() : {}),
    };
    if (record.secret) headers['Kefu-Ticket-Secret'] = record.secret;
    if (user?.token) headers['Kefu-User-Token'] = user.token;
    const response = await (config.fetch ?? fetch)(
      `${base}/tickets/${encodeURIComponent(record.id)}`,
      { headers },
    );
    if (!response.ok)
      throw new KefuError(
        [408, 429].includes(response.status) || response.status >= 500
          ? 'server_unavailable'
          : 'rejected',
        `GET /tickets/${record.id} answered ${response.status}`,
        { status: response.status },
      );
    const parsed = ticketStateSchema.safeParse(await response.json().catch(() => undefined));
    // A missing required field makes the answer a failure, never a success (DESIGN.md).
    if (!parsed.success)
      throw new KefuError(
        'invalid_response',
        `GET /tickets/${record.id} answered with an invalid body`,
        { cause: parsed.error },
      );
    return parsed.data;
  };

  return {
    history,
    async refresh(user) {
      const records = await history.listWithSecrets(user?.id);
      const failures: unknown[] = [];
      await Promise.all(
        records
          .filter((r): r is TicketRecord & { id: string } => !!r.id && r.status !== 'closed')
          .map(async (record) => {
            try {
              const state = await read(record, user);
              const next = await history.apply(record.envelopeId, state);
              if (!next) return;
              if (next.status !== record.status || next.replies.length !== record.replies.length)
                events.emit('ticket-updated', { ticket: next });
              if (next.survey === 'due' && record.survey !== 'due')
                events.emit('survey-due', { ticket: next });
            } catch (error) {
              failures.push(error);
            }
          }),
      );
      // Partial success is still news for the UI; only a refresh where every read failed rejects.
      if (
        failures.length &&
        failures.length === records.filter((r) => r.id && r.status !== 'closed').length
      )
        throw failures[0];
      return history.list(user?.id);
    },
    async openTicket(key, user, messages, forReply) {
      const record = await history.get(key, user?.id);
      const refuse = (code: 'required' | 'ticket_closed') => {
        const [problem] = localizeProblems(
          [{ field: 'ticketId', code }],
          messages,
          () => undefined,
        );
        return new KefuError('invalid_input', problem!.message, { field: 'ticketId' });
      };
      // Without the server's id there is nothing to reply to yet: it is still queued.
      if (!record?.id) throw refuse('required');
      if (forReply && record.status === 'closed') throw refuse('ticket_closed');
      return record as TicketRecord & { id: string };
    },
  };
}
