// The config file (.playbook-lint.jsonc): JSON with comments, validated by
// schemas/config.schema.json (precompiled), errors with line and column.
import { getNodeValue, parseTree, findNodeAtLocation, printParseErrorCode, type ParseError, type Node as JsonNode } from 'jsonc-parser';
import { validate as validateConfig } from '../generated/config-validate.js';
import type { ValidateFn } from './profile/profile.js';
import { LineIndex } from './text/positions.js';
import type { Lang, SeveritySetting } from './types.js';

export const CONFIG_FILE = '.playbook-lint.jsonc';

export interface PlaybookConfig {
  playbooks?: string[];
  ignores?: string[];
  rules?: Record<string, SeveritySetting>;
  phrasePacks?: string[];
  profile?: string;
  lang?: Lang;
  cacheLocation?: string;
  /** Acronyms every client knows, never reported by the jargon rule (on top of the packs' lists). */
  knownAcronyms?: string[];
}

/** A problem in a config, profile or phrase-pack file, with its place. */
export class ConfigError extends Error {
  constructor(readonly file: string, readonly line: number, readonly column: number, readonly detail: string) {
    super(`${file}:${line}:${column}: ${detail}`);
    this.name = 'ConfigError';
  }
}

/** Parse JSON-with-comments text, or throw a ConfigError at the first syntax error. */
export function parseJsonc(text: string, file: string): { value: unknown; tree: JsonNode | undefined; index: LineIndex } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const index = new LineIndex(text);
  if (errors.length) {
    const p = index.point(errors[0]!.offset);
    throw new ConfigError(file, p.line, p.column, `invalid JSON: ${printParseErrorCode(errors[0]!.error)}`);
  }
  return { value: tree ? getNodeValue(tree) : undefined, tree, index };
}

/** Map a JSON pointer ("/rules/jargon") to a line and column in the parsed text. */
export function positionOf(tree: JsonNode | undefined, index: LineIndex, pointer: string): { line: number; column: number } {
  const path = pointer.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
  let node = tree ? findNodeAtLocation(tree, path) : undefined;
  while (!node && path.length && tree) { path.pop(); node = findNodeAtLocation(tree, path); }
  // Point at the property's key where there is one.
  const target = node?.parent?.type === 'property' ? node.parent : node;
  return index.point(target?.offset ?? 0);
}

export function parseConfig(text: string, file: string): PlaybookConfig {
  const { value, tree, index } = parseJsonc(text, file);
  const validate = validateConfig as ValidateFn;
  if (!validate(value)) {
    const e = validate.errors![0]!;
    // A bad key (an unknown property, or a name that breaks propertyNames, e.g. a misspelt rule id) is reported at that key.
    const key = e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty : e.propertyName;
    const extra = key !== undefined ? ` "${key}"` : '';
    const pointer = key !== undefined ? `${e.instancePath}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` : e.instancePath;
    const p = positionOf(tree, index, pointer);
    const allowed = e.keyword === 'enum' ? `: ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}` : '';
    throw new ConfigError(file, p.line, p.column, `${e.instancePath || 'config'} ${e.message ?? 'is invalid'}${extra}${allowed}`);
  }
  return value as PlaybookConfig;
}
