/**
 * What a custom event's name may be: 1–64 letters, digits, `_`, `-`, `.` or `:`, starting with a
 * letter or digit. Short and plain on purpose: names are counted, never free text, so no user
 * data travels in them. A module of its own, without schemas, for the client shell that checks it.
 */
export const CUSTOM_EVENT_NAME = /^[A-Za-z0-9][\w.:-]{0,63}$/;
