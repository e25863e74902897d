/** The text of a post as readers would see it, for the editor's preview; nothing is saved. */
import { AppError } from '../../core/errors.ts';
import { allowed, type Actor } from '../../core/policy.ts';
import { renderMarkdown, type SafeHtml } from '../../core/publishing/markdown.ts';

export function previewPost(actor: Actor, body: string): SafeHtml {
  if (!allowed(actor, 'blog.enter', { kind: 'network' })) throw new AppError('NOT_FOUND');
  return renderMarkdown(body, { documentId: 'preview' });
}
