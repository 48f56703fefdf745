import type { FeedbackPayload } from '../../../src/protocol';
import type { RelayStore, StoredSubmission } from '../../../src/relay';
import { html, type SafeHtml } from './html';
import { csrfField, type PageAgent } from './layout';

/** One answer to a satisfaction survey, as the console shows it. */
export interface SurveyAnswer {
  rating: number;
  comment?: string;
  surveyId?: string;
  receivedAt: string;
}

/**
 * The survey answers given for one conversation or ticket, oldest first. The reference server
 * reads every stored feedback for it (a few thousand at most in a demo); a production console
 * would index them by subject.
 */
export async function surveyAnswers(
  store: RelayStore,
  subject: { conversationId: string } | { ticketId: string },
): Promise<SurveyAnswer[]> {
  const all = await store.listSubmissions({ kind: 'feedback' });
  const of = (p: FeedbackPayload) =>
    'conversationId' in subject
      ? p.conversationId === subject.conversationId
      : p.ticketId === subject.ticketId && p.conversationId === undefined;
  return all
    .map((s: StoredSubmission) => ({ p: s.envelope.payload as FeedbackPayload, s }))
    .filter(({ p }) => p.type === 'survey' && typeof p.rating === 'number' && of(p))
    .map(({ p, s }) => ({
      rating: p.rating!,
      ...(p.comment ? { comment: p.comment } : {}),
      ...(p.surveyId ? { surveyId: p.surveyId } : {}),
      receivedAt: s.receivedAt,
    }));
}

const stars = (n: number) => '★'.repeat(n) + '☆'.repeat(5 - n);

/**
 * The satisfaction section: each answer (stars, the rating in words for screen readers, the
 * user's comment escaped), and, where `askAction` is given, a button that asks the user again.
 */
export function surveySection(
  answers: SurveyAnswer[],
  askAction?: string,
  agent?: PageAgent,
): SafeHtml {
  const items = answers.map(
    (a) =>
      html`<li class="survey-answer"><span class="stars" aria-hidden="true">${stars(a.rating)}</span> <strong>${a.rating} of 5</strong> <span class="muted">${a.receivedAt}</span>${a.comment ? html`<p class="body">${a.comment}</p>` : ''}</li>`,
  );
  const ask = askAction
    ? html`<form method="post" action="${askAction}">${csrfField(agent)}<button type="submit">Ask for a rating</button></form>`
    : '';
  return html`<section class="survey" aria-labelledby="survey-title"><h2 id="survey-title">Satisfaction</h2>${items.length ? html`<ul class="survey-answers">${items}</ul>` : html`<p class="muted">No rating yet.</p>`}${ask}</section>`;
}
