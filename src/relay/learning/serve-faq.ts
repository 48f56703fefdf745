import type { FaqArticle } from '../../protocol';
import type { AcceptedQuestion } from './types';

/**
 * The articles with the similar questions agents accepted added to their `questions` (each
 * once, after the file's own), so `GET /faq` serves them and its ETag changes with them.
 */
export function withAcceptedQuestions(
  articles: readonly FaqArticle[],
  accepted: readonly AcceptedQuestion[],
): readonly FaqArticle[] {
  if (accepted.length === 0) return articles;
  const byArticle = new Map<string, string[]>();
  for (const { articleId, question } of accepted)
    byArticle.set(articleId, [...(byArticle.get(articleId) ?? []), question]);
  return articles.map((article) => {
    const added = byArticle.get(article.id);
    if (!added) return article;
    const questions = [...(article.questions ?? [])];
    for (const question of added) if (!questions.includes(question)) questions.push(question);
    return { ...article, questions };
  });
}
