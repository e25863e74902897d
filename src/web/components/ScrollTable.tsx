/**
 * A data table in its own sideways-scrolling region, so a wide table never pushes the page past
 * a phone's edge. The region is focusable (a keyboard user can scroll it) and named after the
 * table's caption or heading, with a word that it scrolls; the name differs from the heading's
 * own so that no two landmarks on a page share one.
 */
import type { ComponentChildren } from 'preact';
import type { Translate } from '../../i18n/index.ts';

export function ScrollTable(props: {
  t: Translate;
  /** The table's caption or heading, translated. */
  name: string;
  /** Classes of the table itself, and extra classes of the region around it. */
  class?: string;
  regionClass?: string;
  children: ComponentChildren;
}) {
  return (
    <div
      class={props.regionClass ? `table-scroll ${props.regionClass}` : 'table-scroll'}
      role="region"
      aria-label={props.t('table.scrollRegion', { name: props.name })}
      tabIndex={0}
    >
      <table class={props.class}>{props.children}</table>
    </div>
  );
}
