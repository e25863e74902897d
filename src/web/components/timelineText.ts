/** One line of a case's status timeline, as the reporter and the handlers both read it. */
import type { Translate } from '../../i18n/index.ts';
import type { CaseEvent } from '../../storage/caseQueries.ts';

export function timelineText(t: Translate, event: Pick<CaseEvent, 'kind' | 'details'>): string {
  switch (event.kind) {
    case 'path-changed':
      return t('intake.timeline.path-changed', { from: t(`intake.paths.${event.details.from ?? 'not_sure'}.label`), to: t(`intake.paths.${event.details.to ?? 'not_sure'}.label`) });
    case 'delivered':
      return t('intake.timeline.delivered', { what: t(`intake.deliveries.${event.details.what ?? 'feedback'}`) });
    default:
      return t(`intake.timeline.${event.kind}`);
  }
}
