import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HELP } from '../../app/cli/help.ts';

// docs/cli.md and docs/spec.md are the contract users script against: these
// tests keep them in step with `law --help` and the JSON Schema, so a new
// option or field cannot ship undocumented, nor a removed one stay documented.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');
const cliDoc = read('docs/cli.md');
const specDoc = read('docs/spec.md');
const schema = JSON.parse(read('app/core/experiment/spec.schema.json')) as SchemaNode;

/** The `## ` sections of a markdown text, by heading. */
function sections(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of markdown.split(/^## /m).slice(1)) {
    const end = part.indexOf('\n');
    out.set(part.slice(0, end).trim(), part.slice(end + 1));
  }
  return out;
}

/** The block of a help text after `title:` up to the first blank line. */
function helpBlock(text: string, title: string): string {
  const start = text.indexOf(`\n${title}:\n`);
  if (start < 0) return '';
  return text.slice(start + title.length + 3).split('\n\n')[0];
}

/** The options a help text lists under `Options:` (`-h, --help` counts as `--help`). */
function helpOptions(text: string): string[] {
  return [...helpBlock(text, 'Options').matchAll(/^ {2}(?:-[a-z], )?(--[a-z][a-z-]*)/gm)].map((m) => m[1]);
}

/** The options a doc section's table lists, one per row: `| \`--data PATH\` | …`. */
function tableOptions(section: string): string[] {
  return [...section.matchAll(/^\| `(?:-[a-z], )?(--[a-z][a-z-]*)/gm)].map((m) => m[1]);
}

const helpCommands = [...helpBlock(HELP.law, 'Commands').matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]);
const cliSections = sections(cliDoc);
const docCommands = new Map(
  [...cliSections].flatMap(([heading, body]) => {
    const m = /^`law ([a-z]+)`$/.exec(heading);
    return m ? [[m[1], body] as const] : [];
  }),
);

describe('docs/cli.md against app/cli/help.ts', () => {
  it('documents the commands law --help lists, and no other', () => {
    expect(helpCommands.length).toBeGreaterThan(0);
    expect(Object.keys(HELP).filter((k) => k !== 'law').sort()).toEqual([...helpCommands].sort());
    expect([...docCommands.keys()].sort()).toEqual([...helpCommands].sort());
  });

  it.each(helpCommands)('law %s: the usage line of its help and the same options', (command) => {
    const body = docCommands.get(command) ?? '';
    expect(body).toContain(HELP[command].split('\n')[0]);
    expect(tableOptions(body).sort()).toEqual(helpOptions(HELP[command]).sort());
  });

  it('the global options of law --help, and no other', () => {
    const body = cliSections.get('Global options') ?? '';
    const usage = HELP.law.split('\n').find((l) => l.startsWith('Usage:'));
    expect(usage).toBeDefined();
    expect(cliDoc).toContain(usage);
    expect(tableOptions(body).sort()).toEqual(helpOptions(HELP.law).sort());
  });

  it('mentions no option that law --help does not have', () => {
    const known = new Set([HELP.law, ...helpCommands.map((c) => HELP[c])].flatMap(helpOptions));
    for (const doc of [cliDoc, specDoc]) {
      const mentioned = new Set([...doc.matchAll(/(?<![\w-])(--[a-z][a-z-]*)/g)].map((m) => m[1]));
      expect([...mentioned].filter((o) => !known.has(o))).toEqual([]);
    }
  });
});

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  additionalProperties?: SchemaNode | boolean;
  enum?: unknown[];
  const?: unknown;
}

/**
 * Every property name and string enum value below a schema node, through
 * `properties`, `items`, `oneOf`/`anyOf` and `additionalProperties`. Not
 * through `allOf`/`if`/`then`: those narrow what a kind takes and hold each
 * detector type's params, which spec.md links to the README for.
 */
function schemaWords(node: SchemaNode, names: Set<string>, values: Set<string>): void {
  for (const v of [...(node.enum ?? []), node.const]) if (typeof v === 'string') values.add(v);
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    names.add(name);
    schemaWords(child, names, values);
  }
  for (const child of [...(node.oneOf ?? []), ...(node.anyOf ?? []), node.items]) if (child) schemaWords(child, names, values);
  if (typeof node.additionalProperties === 'object') schemaWords(node.additionalProperties, names, values);
}

/** The words inside `code spans` of a markdown text, fenced examples left out. */
function codeWords(markdown: string): Set<string> {
  const prose = markdown.replace(/```[\s\S]*?```/g, '');
  return new Set([...prose.matchAll(/`([^`]+)`/g)].flatMap((m) => m[1].match(/[A-Za-z0-9_-]+/g) ?? []));
}

const specSections = sections(specDoc);
const fieldSections = new Map(
  [...specSections].flatMap(([heading, body]) => {
    const m = /^`([A-Za-z]+)`$/.exec(heading);
    return m ? [[m[1], body] as const] : [];
  }),
);
const topFields = Object.keys(schema.properties ?? {});

describe('docs/spec.md against spec.schema.json', () => {
  it('has a section for every top-level field of the schema, and no other', () => {
    expect(topFields.length).toBeGreaterThan(0);
    expect([...fieldSections.keys()].sort()).toEqual([...topFields].sort());
  });

  it.each(topFields.filter((f) => f !== 'detectors'))('%s: every field below it is named in its section', (field) => {
    const names = new Set<string>();
    schemaWords(schema.properties![field], names, new Set());
    const words = codeWords(fieldSections.get(field) ?? '');
    expect([...names].filter((n) => !words.has(n))).toEqual([]);
  });

  it('detectors: the fields of a detector are named, and the params are the README\'s', () => {
    const section = fieldSections.get('detectors') ?? '';
    const item = schema.properties!.detectors.items ?? {};
    const words = codeWords(section);
    expect(Object.keys(item.properties ?? {}).filter((n) => !words.has(n))).toEqual([]);
    expect(section).toMatch(/\]\(\.\.\/README\.md#[a-z0-9-]+\)/);
  });

  it('names every value the schema enumerates (formats, units, methods, kinds), detector types aside', () => {
    const values = new Set<string>();
    for (const [field, node] of Object.entries(schema.properties ?? {})) if (field !== 'detectors') schemaWords(node, new Set(), values);
    const words = codeWords(specDoc);
    expect([...values].filter((v) => !words.has(v))).toEqual([]);
  });
});

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
}

function anchors(markdown: string): Set<string> {
  return new Set([...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#+ (.+)$/gm)].map((m) => slug(m[1].trim())));
}

describe('docs/: links', () => {
  it.each(['docs/cli.md', 'docs/spec.md'])('%s: every relative link names a file and heading that exist', (path) => {
    const broken: string[] = [];
    for (const [, target] of read(path).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      const [file, anchor] = target.split('#');
      const full = file ? resolve(root, dirname(path), file) : resolve(root, path);
      if (!existsSync(full)) broken.push(target);
      else if (anchor !== undefined && !anchors(readFileSync(full, 'utf8')).has(anchor)) broken.push(target);
    }
    expect(broken).toEqual([]);
  });
});
