/**
 * Two revisions of a post compared line by line. Added and removed lines are marked with
 * <ins> and <del> and a word for screen readers, not by colour alone.
 */
import type { DiffLine } from '../../core/publishing/revisionDiff.ts';
import type { RevisionComparison } from '../../usecases/publishing/compareRevisions.ts';
import { Layout, type PageContext } from '../components/Layout.tsx';
import { DeskStyles } from './EditorialStatus.tsx';

function Diff(props: { context: PageContext; heading: string; lines: DiffLine[] }) {
  const { t } = props.context;
  const changed = props.lines.some((line) => line.kind !== 'same');
  return (
    <section>
      <h2>{props.heading}</h2>
      {!changed ? (
        <p>{t('editorial.revisions.unchanged')}</p>
      ) : (
        <ol class="diff">
          {props.lines.map((line, index) => (
            <li key={index} class={`diff-${line.kind}`}>
              {line.kind === 'added' ? (
                <ins>
                  <span class="visually-hidden">{t('editorial.revisions.added')} </span>
                  {line.text || ' '}
                </ins>
              ) : line.kind === 'removed' ? (
                <del>
                  <span class="visually-hidden">{t('editorial.revisions.removed')} </span>
                  {line.text || ' '}
                </del>
              ) : (
                <span>{line.text || ' '}</span>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function EditorialRevisionsPage(props: { context: PageContext; comparison: RevisionComparison }) {
  const { t } = props.context;
  const { comparison } = props;
  return (
    <Layout context={props.context} title={t('editorial.revisions.pageTitle', { from: comparison.from.number, to: comparison.to.number })}>
      <DeskStyles />
      <p>
        <a href={`/editorial/posts/${comparison.post.id}`}>{t('editorial.revisions.back', { title: comparison.post.title })}</a>
      </p>
      <Diff context={props.context} heading={t('editorial.form.title')} lines={comparison.title} />
      <Diff context={props.context} heading={t('editorial.form.summary')} lines={comparison.summary} />
      <Diff context={props.context} heading={t('editorial.form.tags')} lines={comparison.tags} />
      <Diff context={props.context} heading={t('editorial.form.body')} lines={comparison.body} />
      <Diff context={props.context} heading={t('editorial.form.signatories')} lines={comparison.signatories} />
    </Layout>
  );
}
