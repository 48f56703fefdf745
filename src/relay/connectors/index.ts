export type { Connector, ConnectorContext, PulledTicket } from './types';
export { markerOf } from './types';
export { ConnectorError, isConnectorError, CONNECTOR_ERROR_CODES } from './connector-error';
export type { ConnectorErrorCode } from './connector-error';
export { renderEnvelope, summarizeDiagnostics } from './render';
export type { RenderedEnvelope, RenderedFile } from './render';
export { createRequestTrackerConnector } from './request-tracker';
export type { RequestTrackerOptions } from './request-tracker';
