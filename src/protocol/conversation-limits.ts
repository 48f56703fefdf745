// The conversation limits without the schemas: the browser's view and bot import these, and a
// module with schemas would bring the schema code along (a schema's leftover call is not dropped).

/** Longest message body, in characters (UTF-16 code units, as `String.length` counts them). */
export const MAX_MESSAGE_CHARS = 4000;
/** Most entries of a bot transcript handed over with a conversation's first message. */
export const MAX_TRANSCRIPT_ENTRIES = 30;
/** Most attachments one message carries. */
export const MAX_MESSAGE_ATTACHMENTS = 10;
