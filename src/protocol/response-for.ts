import { messageAcceptedSchema } from './conversations';
import { createdSchema, ticketCreatedSchema } from './responses';
import type { EnvelopeKind } from './envelope';

/** The schema a success answer to a posted envelope of this kind must pass. */
export function responseSchemaFor(kind: EnvelopeKind) {
  if (kind === 'message') return messageAcceptedSchema;
  return kind === 'ticket' ? ticketCreatedSchema : createdSchema;
}
