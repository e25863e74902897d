/**
 * Translation. Every string a person reads comes from the catalogues in ./locales (one JSON file
 * per language, the same keys in each). Pages receive a `t` fixed to the request's language.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type TFunction } from 'i18next';

/** Languages with complete catalogues; `catalogues.test.ts` keeps them complete. */
export const languages = ['en', 'es', 'fr', 'pt'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'en';

/** Languages written right to left; none shipped yet, the layout already honours `dir`. */
const rightToLeft: ReadonlySet<string> = new Set(['ar', 'fa', 'he', 'ur']);

export type Translate = TFunction;

const localesFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'locales');

/**
 * Each language is a folder of catalogue files, one per feature area (platform.json,
 * intake.json, …), merged into one tree; two files must not define the same top-level key.
 */
export function loadCatalogues(): Record<string, { translation: Record<string, unknown> }> {
  const resources: Record<string, { translation: Record<string, unknown> }> = {};
  for (const language of languages) {
    const folder = path.join(localesFolder, language);
    if (!fs.existsSync(folder)) continue;
    const translation: Record<string, unknown> = {};
    for (const file of fs.readdirSync(folder).filter((name) => name.endsWith('.json')).sort()) {
      const tree = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as Record<string, unknown>;
      for (const [key, value] of Object.entries(tree)) {
        if (key in translation) throw new Error(`i18n: "${key}" is defined twice in ${language} (${file})`);
        translation[key] = value;
      }
    }
    resources[language] = { translation };
  }
  return resources;
}

const instance = i18next.createInstance();
void instance.init({
  resources: loadCatalogues(),
  lng: defaultLanguage,
  fallbackLng: defaultLanguage,
  supportedLngs: [...languages],
  interpolation: { escapeValue: false }, // Preact escapes on render.
  initAsync: false,
  returnNull: false,
  showSupportNotice: false,
});

export function translator(language: string): Translate {
  return instance.getFixedT(isLanguage(language) ? language : defaultLanguage);
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

export function direction(language: string): 'ltr' | 'rtl' {
  return rightToLeft.has(language.split('-')[0] ?? '') ? 'rtl' : 'ltr';
}

/** Picks the best supported language from an Accept-Language header (read, never stored). */
export function negotiateLanguage(header: string | undefined, fallback: Language = defaultLanguage): Language {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const quality = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: tag.toLowerCase().split('-')[0] ?? '', q: quality ? Number(quality.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((entry) => entry.base).find(isLanguage) ?? fallback;
}

export function languageName(language: Language): string {
  return new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
}
