import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { languages, loadCatalogues } from './index.ts';

function flatten(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value && typeof value === 'object' ? flatten(value as Record<string, unknown>, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('message catalogues', () => {
  const catalogues = loadCatalogues();
  const english = new Set(flatten(catalogues.en?.translation ?? {}));

  it('exist for every offered language', () => {
    for (const language of languages) expect(catalogues[language], language).toBeDefined();
  });

  it('have exactly the same keys in every language', () => {
    for (const language of languages) {
      const keys = new Set(flatten(catalogues[language]?.translation ?? {}));
      expect([...english].filter((key) => !keys.has(key)), `missing in ${language}`).toEqual([]);
      expect([...keys].filter((key) => !english.has(key)), `only in ${language}`).toEqual([]);
    }
  });

  it('contain every key the code asks for by name', () => {
    const srcFolder = path.resolve(import.meta.dirname, '..');
    const missing: string[] = [];
    for (const file of sourceFiles(srcFolder)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g)) {
        const key = match[1] ?? '';
        if (!english.has(key)) missing.push(`${path.relative(srcFolder, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
