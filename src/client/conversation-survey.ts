import { KefuError } from '../errors';
import type { LogState } from '../conversations/log-state';
import type { Outbox } from '../transport';
import type { buildSurveyAnswer, EnvelopeContext } from './build-envelope';
import type { SurveyAnswer } from './conversations';
import type { Receipt } from './types';

// A conversation's satisfaction survey, answered or set aside: loaded by the conversation client
// when the user first does either (a survey is asked once per conversation, at its end), so
// opening a conversation does not download it.

/** Longest survey comment, as the feedback payload allows. */
const MAX_SURVEY_COMMENT = 10_000;

/** What the survey needs of the conversation client. */
export interface SurveyParts {
  state: LogState;
  outbox: Outbox;
  /** The conversation changed: its view renders again. */
  touched(id: string): void;
  /**
   * Builds the answer's envelope. Handed over rather than imported: a module this chunk shared
   * with the client's would split the chunks they share with the start, which would grow.
   */
  buildSurveyAnswer: typeof buildSurveyAnswer;
}

const answeredError = (id: string) =>
  new KefuError(
    'invalid_input',
    `The survey of conversation "${id}" was already answered or set aside`,
    { field: 'conversationId' },
  );

/** The survey a conversation of this device waits an answer to, or a clear error. */
function dueSurvey(state: LogState, id: string): string {
  const survey = state.get(id)?.survey;
  if (!survey)
    throw new KefuError('invalid_input', `No survey was asked in conversation "${id}"`, {
      field: 'conversationId',
    });
  if (survey.state !== 'due') throw answeredError(id);
  return survey.id;
}

/**
 * Answers the survey of conversation `id` through the outbox, once: claimed across tabs before
 * it is queued, asked again when the outbox refuses it.
 */
export async function answerSurvey(
  { state, outbox, touched, buildSurveyAnswer }: SurveyParts,
  ctx: EnvelopeContext,
  id: string,
  answer: SurveyAnswer,
): Promise<Receipt> {
  const survey = dueSurvey(state, id);
  const rating = answer?.rating;
  if (!Number.isInteger(rating) || rating < 1 || rating > 5)
    throw new KefuError(
      'invalid_input',
      `A rating is a whole number from 1 to 5, not ${JSON.stringify(rating ?? null)}`,
      { field: 'rating' },
    );
  const comment = typeof answer.comment === 'string' ? answer.comment.trim() : '';
  if (comment.length > MAX_SURVEY_COMMENT)
    throw new KefuError(
      'invalid_input',
      `A comment has at most ${MAX_SURVEY_COMMENT} characters; this one has ${comment.length}: shorten it`,
      { field: 'comment' },
    );
  const envelope = buildSurveyAnswer(
    { conversationId: id, surveyId: survey, rating, ...(comment ? { comment } : {}) },
    ctx,
  );
  // Claimed before it is queued, so a second tab (or a double tap) cannot answer it again.
  if (!(await state.settleSurvey(id, survey, 'answered'))) throw answeredError(id);
  try {
    const secret = await state.secret(id);
    const result = await outbox.enqueue(envelope, [], secret ? { secret } : {});
    return {
      id: result.id,
      envelopeId: envelope.id,
      status: result.status,
      durable: result.durable,
    };
  } catch (error) {
    // Refused (not merely delayed): the survey is asked again, the answer can be fixed.
    await state.reopenSurvey(id);
    throw error;
  } finally {
    touched(id);
  }
}
