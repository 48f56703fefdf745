// Its own module, imported by "My tickets" alone: the panel's start does not carry it.

/**
 * Whether a line of a description is a reference `supportPrefill` wrote (`FAQ: … [id]`,
 * `Self-check: … [code] (evidence)`) rather than the user's words: "My tickets" leaves them out of
 * a ticket's title.
 */
export const isReference = (line: string) =>
  /^(FAQ|FAQ \(search\)|Self-check): .* \[[^\]\s]+\]( \(.*\))?$/.test(line);

/** The user's own words in a description: its lines that are not references, on one line. */
export const ownWords = (description: string) =>
  description
    .split('\n')
    .filter((line) => !isReference(line))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
