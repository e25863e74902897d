import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/index.ts';
import { ScrollTable } from './ScrollTable.tsx';

describe('ScrollTable', () => {
  it('puts the table in a focusable region named after it in the reader’s language', () => {
    const html = renderToString(
      <ScrollTable t={translator('fr')} name="Personnes" class="evidence">
        <caption>Personnes</caption>
      </ScrollTable>,
    );
    expect(html).toBe(
      '<div class="table-scroll" role="region" aria-label="Personnes (le tableau défile horizontalement sur un écran étroit)" tabindex="0"><table class="evidence"><caption>Personnes</caption></table></div>',
    );
  });

  it('keeps a page’s own region classes beside the shared one', () => {
    const html = renderToString(
      <ScrollTable t={translator('en')} name="Cases" regionClass="inbox-table">
        <tbody />
      </ScrollTable>,
    );
    expect(html).toContain('<div class="table-scroll inbox-table" role="region" aria-label="Cases (the table scrolls sideways on a narrow screen)" tabindex="0"><table><tbody></tbody></table></div>');
  });
});
