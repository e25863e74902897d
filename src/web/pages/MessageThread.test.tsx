import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { MessageThread } from './MessageThread.tsx';

const at = new Date('2025-03-04T09:30:00Z');

describe('MessageThread', () => {
  it('lists who wrote each message, when and what, with the files that came with it', () => {
    const html = renderToString(
      <MessageThread
        language="en"
        empty="Nothing yet"
        messages={[
          { id: 'm1', author: 'staff', at, text: 'First line\nsecond line', files: [] },
          { id: 'm2', author: 'adviser', at, text: '', files: ['statement.pdf'] },
        ]}
        label={(message) => (message.author === 'staff' ? 'Ines Okafor' : 'Adviser')}
        files={(message) => (message.files.length > 0 ? <ul>{message.files.map((name) => <li key={name}>{name}</li>)}</ul> : null)}
      />,
    );
    expect(html).not.toContain('Nothing yet');
    expect(html).toMatch(/<li class="message message-staff"><p class="message-meta"><strong>Ines Okafor<\/strong> <time datetime="2025-03-04T09:30:00.000Z">[^<]+<\/time><\/p>/);
    expect(html).toContain('<p class="message-text">First line<br/>second line</p>');
    // A message of files alone has no empty text paragraph; anyone but staff reads as the other side.
    expect(html).toContain('<li class="message message-reporter"><p class="message-meta"><strong>Adviser</strong>');
    expect(html).toMatch(/<\/time><\/p><ul><li>statement\.pdf<\/li><\/ul><\/li>/);
  });

  it('says so while nothing has been written', () => {
    const html = renderToString(<MessageThread language="en" empty="Nothing yet" messages={[]} label={() => ''} />);
    expect(html).toBe('<p>Nothing yet</p><ol class="thread"></ol>');
  });
});
