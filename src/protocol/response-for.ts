import { createdSchema, ticketCreatedSchema } from './responses';
import type { EnvelopeKind } from './envelope';

/** The schema a success answer to a posted envelope of this kind must pass. */
export function responseSchemaFor(kind: EnvelopeKind) {
  return kind === 'ticket' ? ticketCreatedSchema : createdSchema;
}
