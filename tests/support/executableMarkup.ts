/**
 * Finds anything in an HTML document that a browser could execute or that could load or style
 * content behind the sanitiser's back: script-capable elements, event-handler attributes,
 * script-like URLs, inline styles and CSS expressions. Parsed with a real HTML parser (entities
 * decoded, as a browser would), not matched with regular expressions.
 */
import { Parser } from 'htmlparser2';

const dangerousElements = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math',
  'base', 'meta', 'link', 'form', 'input', 'button', 'textarea', 'select', 'template', 'noscript',
]);
const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'poster', 'data', 'cite', 'background']);

export type Allowance = {
  /** Elements the page itself legitimately has (its own forms, stylesheets, meta tags). */
  elements?: readonly string[];
  /** External scripts the page itself loads, by exact src. */
  scriptSources?: readonly string[];
};

function isSafeUrl(value: string): boolean {
  // Browsers ignore ASCII whitespace and control characters inside a scheme.
  const compact = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(compact)?.[1];
  return scheme === undefined || scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}

export function executableMarkupIn(html: string, allowance: Allowance = {}): string[] {
  const problems: string[] = [];
  const allowedElements = new Set(allowance.elements ?? []);
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const src = attributes.src ?? '';
        if (name === 'script' && !(allowance.scriptSources ?? []).includes(src)) problems.push(`<script src="${src}">`);
        else if (name !== 'script' && dangerousElements.has(name) && !allowedElements.has(name)) problems.push(`<${name}>`);
        for (const [attribute, value] of Object.entries(attributes)) {
          const lowered = attribute.toLowerCase();
          if (lowered.startsWith('on')) problems.push(`${name}[${attribute}]`);
          // Any inline style is refused; an IE-style CSS expression in one is named as such.
          if (lowered === 'style') problems.push(/expression\s*\(|javascript:/i.test(value) ? `${name}[style] CSS expression` : `${name}[style]`);
          if (urlAttributes.has(lowered) && !isSafeUrl(value)) problems.push(`${name}[${attribute}=${value}]`);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return problems;
}
