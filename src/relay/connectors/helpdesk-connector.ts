import type { Envelope, ReplyEnvelope } from '../../protocol';
import type { StoredSubmission } from '../store';
import { ConnectorError, replyParent } from './connector-error';
import { type RenderedEnvelope, renderEnvelope } from './render';
import { markerOf, type Connector, type ConnectorContext, type PulledTicket } from './types';

/** One submission on its way to a helpdesk, read once for every step of its delivery. */
export interface Delivery<E extends Envelope = Envelope> {
  submission: StoredSubmission;
  envelope: E;
  /** {@link markerOf} the submission: what the lookup before creating searches for. */
  marker: string;
  /** The envelope as an agent reads it; its subject and text carry the marker unless turned off. */
  rendered: RenderedEnvelope;
  context: ConnectorContext;
}

/** What one helpdesk does differently; {@link createHelpdeskConnector} does the rest. */
export interface HelpdeskSteps {
  /** The key its helpdesk ids are recorded under. */
  name: string;
  /** What a reply waits for while its parent is not delivered, e.g. 'its ticket to reach RT'. */
  parentIs: string;
  /**
   * Whether the rendered subject and text carry the marker; false where the steps place it.
   * @default true
   */
  markRendered?: boolean;
  /** Why this helpdesk refuses a submission outright (ConnectorError 'rejected'), or undefined. */
  refuse?(envelope: Envelope): string | undefined;
  /** Adds a reply to its ticket (`parent`: the helpdesk's id), or finds the one already added. */
  reply(delivery: Delivery<ReplyEnvelope>, parent: string): Promise<string>;
  /** Creates a ticket or feedback, or finds the one an earlier attempt created (by the marker). */
  create(delivery: Delivery<Exclude<Envelope, ReplyEnvelope>>): Promise<string>;
  /** The ticket's status and agent replies, where the helpdesk's API offers them. */
  pull?(ref: string): Promise<PulledTicket>;
}

/**
 * The skeleton every helpdesk connector fills: it renders the submission once with its marker,
 * refuses what the helpdesk cannot take, holds a reply back ('waiting') until its ticket has a
 * helpdesk id, then hands over to the helpdesk's own `reply` or `create` step.
 */
export function createHelpdeskConnector(steps: HelpdeskSteps): Connector {
  const { name } = steps;
  return {
    name,
    async deliver(submission, context) {
      const envelope = submission.envelope;
      const refusal = steps.refuse?.(envelope);
      if (refusal !== undefined) throw new ConnectorError('rejected', `${name}: ${refusal}`);
      const marker = markerOf(submission.id);
      const rendered = renderEnvelope(envelope, steps.markRendered === false ? undefined : marker);
      const common = { submission, marker, rendered, context };
      if (envelope.kind !== 'reply') return steps.create({ ...common, envelope });
      const parent = replyParent(name, submission.id, context.parentRef, steps.parentIs);
      return steps.reply({ ...common, envelope }, parent);
    },
    ...(steps.pull ? { pull: steps.pull } : {}),
  };
}
