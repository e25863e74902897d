/**
 * A conversation as every case page lists it (the staff case page, the reporter's follow-up,
 * the respondent's portal and its staff panel): who wrote, when, what, and the names of any
 * files sent with it. Also the case's status timeline, which the staff and the reporter read alike.
 */
import type { ComponentChildren } from 'preact';
import type { CaseEvent } from '../../storage/caseQueries.ts';
import { formatDate } from '../components/formatDate.ts';
import type { PageContext } from '../components/Layout.tsx';
import { timelineText } from '../components/timelineText.ts';
import { MultilineText } from './ReportFormFields.tsx';

/** A message as every thread has it; `author` is 'staff' for the organisation's side. */
type ThreadMessage = { id: string; author: string; at: Date; text: string };

/**
 * The list, with `empty` said above it while nothing has been written yet. `label` says who
 * wrote a message in words (a name, "You", "The handler"); `files`, what came with it.
 */
export function MessageThread<Message extends ThreadMessage>(props: {
  language: string;
  messages: Message[];
  empty: string;
  label: (message: Message) => string;
  files?: (message: Message) => ComponentChildren;
}) {
  return (
    <>
      {props.messages.length === 0 ? <p>{props.empty}</p> : null}
      <ol class="thread">
        {props.messages.map((message) => (
          <li key={message.id} class={`message message-${message.author === 'staff' ? 'staff' : 'reporter'}`}>
            <p class="message-meta">
              <strong>{props.label(message)}</strong> <time dateTime={message.at.toISOString()}>{formatDate(props.language, message.at)}</time>
            </p>
            {message.text ? <MultilineText class="message-text" text={message.text} /> : null}
            {props.files?.(message)}
          </li>
        ))}
      </ol>
    </>
  );
}

export function StatusTimeline(props: { context: PageContext; title: string; events: Pick<CaseEvent, 'kind' | 'details' | 'at'>[] }) {
  const { t, language } = props.context;
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{props.title}</h2>
      <ol class="timeline">
        {props.events.map((event, index) => (
          <li key={index}>
            <time dateTime={event.at.toISOString()}>{formatDate(language, event.at)}</time> {timelineText(t, event)}
          </li>
        ))}
      </ol>
    </section>
  );
}
