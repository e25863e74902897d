/**
 * Generators of hostile input for property tests: fragments attackers use to get script into a
 * page (tags, event handlers, script-like URLs in every spelling, CSS expressions), wrapped in
 * the Markdown constructs that produce links, images, footnotes, tables and code.
 */
import fc from 'fast-check';

/** Pieces attackers use, mixed with Markdown syntax that builds links, images and footnotes. */
export const hostileFragment = fc.constantFrom(
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<div style="background:url(javascript:alert(1))">',
  '<p style="width: expression(alert(1))">',
  '<iframe src="https://evil.example"></iframe>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  '&#106;avascript:alert(1)',
  '&#x6A;avascript&#58;alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)' autofocus='",
  'expression(alert(1))',
  '</textarea><script>alert(1)</script>',
  '<!-- <script>alert(1)</script> -->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '\u0000<script>',
);

const markdownShape = fc.constantFrom(
  (x: string) => `[link](${x})`,
  (x: string) => `[link](<${x}>)`,
  (x: string) => `<${x}>`,
  (x: string) => `![image](${x})`,
  (x: string) => `![${x}](/blog/images/a.webp "${x}")`,
  (x: string) => `[ref][1]\n\n[1]: ${x}`,
  (x: string) => `Note[^n].\n\n[^n]: ${x}`,
  (x: string) => `| ${x} | b |\n|:-:|--|\n| 1 | ${x} |`,
  (x: string) => `\`\`\`${x}\n${x}\n\`\`\``,
  (x: string) => `# ${x}`,
  (x: string) => `> ${x}`,
  (x: string) => `* ${x}\n* [x](${x})`,
  (x: string) => `**${x}** _${x}_ ~~${x}~~`,
  (x: string) => x,
);

export const hostileMarkdown = fc
  .array(fc.tuple(markdownShape, fc.oneof(hostileFragment, fc.string({ maxLength: 40 }))), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.map(([shape, fragment]) => shape(fragment)).join('\n\n'));

/** Plain text fields (names, titles): hostile fragments and arbitrary strings. */
export const hostileText = fc.oneof(hostileFragment, fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }));
