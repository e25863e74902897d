/**
 * Markdown to safe HTML, for posts and for reader comments. Two locks, either enough alone:
 * markdown-it never passes raw HTML through (`html: false`) and refuses script-like link
 * schemes; sanitize-html then keeps only an allow-list of tags, attributes, classes and URL
 * schemes. No `style` attribute, no event handler, no `javascript:`/`data:` URL survives.
 * Images may only come from this site's own image store (no third-party requests), headings
 * nest under the page title without skipping a level, and links to other sites get rel="noopener
 * noreferrer" (plus "nofollow ugc" in comments).
 */
import markdownIt, { type MarkdownIt, type StateCore } from 'markdown-it';
import footnotes from 'markdown-it-footnote';
import sanitizeHtml from 'sanitize-html';

/** HTML that has been through the sanitiser; only this may be inserted into a page unescaped. */
export type SafeHtml = string & { readonly __safeHtml: unique symbol };

export type MarkdownProfile = 'post' | 'comment';

export type RenderOptions = {
  profile?: MarkdownProfile;
  /** This site's origin (e.g. https://example.org); links to it are not marked as external. */
  siteOrigin?: string | undefined;
  /** Makes footnote ids unique when several rendered texts share a page. */
  documentId?: string | undefined;
};

/** Where uploaded images are served from; the only image source a post may use. */
export const IMAGE_PATH_PREFIX = '/blog/images/';

export const POST_BODY_MAX = 200_000;
export const COMMENT_BODY_MAX = 5_000;

/**
 * Headings nest under the page title (h1) without skipping a level, whatever levels the author
 * used: the levels present are ranked (the highest becomes h2), and no heading is more than one
 * level below the one before it. Authors who start at ## or ### get the same outline.
 */
function normaliseHeadings(md: MarkdownIt): void {
  md.core.ruler.push('normalise_headings', (state: StateCore) => {
    const opens = state.tokens.filter((token) => token.type === 'heading_open');
    const ranks = [...new Set(opens.map((token) => Number(token.tag.slice(1))))].sort((a, b) => a - b);
    let previous = 1;
    const levels = new Map<object, number>();
    for (const token of opens) {
      const level = Math.min(6, 2 + ranks.indexOf(Number(token.tag.slice(1))), previous + 1);
      levels.set(token, level);
      previous = level;
    }
    let current = 2;
    for (const token of state.tokens) {
      if (token.type === 'heading_open') current = levels.get(token) ?? 2;
      if (token.type === 'heading_open' || token.type === 'heading_close') token.tag = `h${current}`;
    }
  });
}

function postRenderer(): MarkdownIt {
  const md = markdownIt({ html: false, linkify: true, typographer: true });
  md.use(footnotes);
  normaliseHeadings(md);
  return md;
}

function commentRenderer(): MarkdownIt {
  const md = markdownIt({ html: false, linkify: true, typographer: true, breaks: true });
  md.disable(['heading', 'lheading', 'image', 'table', 'hr', 'reference']);
  return md;
}

const renderers: Record<MarkdownProfile, MarkdownIt> = { post: postRenderer(), comment: commentRenderer() };

const footnoteClasses = ['footnote-ref', 'footnotes', 'footnotes-list', 'footnote-item', 'footnote-backref', 'footnotes-sep'];
const alignClasses = ['align-left', 'align-center', 'align-right'];

/** Is this href pointing at another site? Relative links, fragments and mailto: are not. */
export function isExternalLink(href: string, siteOrigin: string | undefined): boolean {
  const trimmed = href.trim();
  if (trimmed.startsWith('//')) return true;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return false;
  try {
    const url = new URL(trimmed);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    return !siteOrigin || url.origin !== new URL(siteOrigin).origin;
  } catch {
    return true;
  }
}

function alignmentClass(style: string | undefined): string | undefined {
  const match = /text-align\s*:\s*(left|center|right)/i.exec(style ?? '');
  return match?.[1] ? `align-${match[1].toLowerCase()}` : undefined;
}

function tableCell(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const align = alignmentClass(attribs.style);
  return { tagName, attribs: align ? { class: align } : {} };
}

function sanitizerOptions(profile: MarkdownProfile, siteOrigin: string | undefined): sanitizeHtml.IOptions {
  const common = ['p', 'br', 'blockquote', 'ul', 'ol', 'li', 'strong', 'em', 'del', 's', 'code', 'pre', 'a'];
  const postOnly = ['h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sup', 'sub', 'section'];
  const externalRel = profile === 'comment' ? 'nofollow ugc noopener noreferrer' : 'noopener noreferrer';
  return {
    allowedTags: profile === 'post' ? [...common, ...postOnly] : common,
    allowedAttributes: {
      a: ['href', 'title', 'rel', 'id', 'class'],
      img: ['src', 'alt', 'title'],
      li: ['id', 'class'],
      ol: ['start', 'class'],
      sup: ['class'],
      section: ['class'],
      hr: ['class'],
      th: ['class'],
      td: ['class'],
    },
    allowedClasses: {
      a: footnoteClasses,
      li: footnoteClasses,
      ol: footnoteClasses,
      sup: footnoteClasses,
      section: footnoteClasses,
      hr: footnoteClasses,
      th: alignClasses,
      td: alignClasses,
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: [] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    // Only this site's uploaded images: a remote image would tell another server who reads.
    exclusiveFilter: (frame) => frame.tag === 'img' && !(frame.attribs.src ?? '').startsWith(IMAGE_PATH_PREFIX),
    transformTags: {
      a: (tagName, attribs) => {
        const href = attribs.href ?? '';
        const next: sanitizeHtml.Attributes = { ...attribs };
        delete next.rel;
        if (isExternalLink(href, siteOrigin)) next.rel = externalRel;
        return { tagName, attribs: next };
      },
      th: tableCell,
      td: tableCell,
    },
  };
}

/** Renders Markdown (at most the profile's size; longer input is cut) into sanitised HTML. */
export function renderMarkdown(source: string, options: RenderOptions = {}): SafeHtml {
  const profile = options.profile ?? 'post';
  const limit = profile === 'post' ? POST_BODY_MAX : COMMENT_BODY_MAX;
  const env: Record<string, unknown> = options.documentId ? { docId: options.documentId } : {};
  const html = renderers[profile].render(source.slice(0, limit), env);
  return sanitizeHtml(html, sanitizerOptions(profile, options.siteOrigin)) as SafeHtml;
}

/** Plain text of a Markdown text, for summaries, feeds and meta descriptions. */
export function plainText(source: string, maxLength = 300): string {
  const html = renderers.post.render(source.slice(0, POST_BODY_MAX));
  const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
