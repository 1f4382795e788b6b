// YAML frontmatter → a null-prototype JSON value plus the source range of every
// key and value, so schema errors can point at the exact text. YAML 1.2 core
// schema, no merge keys, no aliases (alias bombs), a depth and size cap.
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { readSimpleFrontmatter } from './frontmatter-simple.js';

export const MAX_FRONTMATTER_CHARS = 256 * 1024;
const MAX_DEPTH = 64;
const PLAIN_TAGS = new Set([
  'tag:yaml.org,2002:str', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float',
  'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:null', 'tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq',
]);

export interface SourceSpan {
  /** Offsets into the document (not the frontmatter). */
  keyStart?: number;
  keyEnd?: number;
  valueStart: number;
  valueEnd: number;
}

export interface YamlProblem {
  /** Offsets into the document. */
  start: number;
  end: number;
  message: string;
  /** A fatal problem makes the frontmatter unusable; a warning keeps it. */
  fatal: boolean;
}

export interface ParsedFrontmatter {
  /** undefined when unusable (fatal problems). */
  data?: Record<string, unknown>;
  /** JSON pointer under the frontmatter ("" is the root, "/primary_contact/email") → span. */
  spans: Map<string, SourceSpan>;
  problems: YamlProblem[];
}

/** `source` is the YAML text between the fences; `offset` is where it starts in the document. */
export function parseFrontmatter(source: string, offset: number): ParsedFrontmatter {
  if (source.length > MAX_FRONTMATTER_CHARS) {
    return { spans: new Map(), problems: [{ start: offset, end: offset, fatal: true,
      message: `frontmatter is larger than ${MAX_FRONTMATTER_CHARS / 1024} KB` }] };
  }
  // Most frontmatters are plain "key: value" lines: read without building a YAML document.
  return readSimpleFrontmatter(source, offset) ?? parseFrontmatterWithYaml(source, offset);
}

/** The same through the yaml package, whatever the YAML (frontmatter-simple.ts is held equal to it). */
export function parseFrontmatterWithYaml(source: string, offset: number): ParsedFrontmatter {
  const spans = new Map<string, SourceSpan>();
  const problems: YamlProblem[] = [];
  let doc;
  try {
    // The yaml package reads LF and CRLF only; a lone CR (old Mac endings) becomes LF, same length, same offsets.
    doc = parseDocument(source.includes('\r') ? source.replace(/\r(?!\n)/g, '\n') : source, {
      version: '1.2', schema: 'core', merge: false, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false,
    });
  } catch (e) {
    problems.push({ start: offset, end: offset, fatal: true, message: `YAML could not be read: ${(e as Error).message}` });
    return { spans, problems };
  }
  for (const e of doc.errors) {
    // Duplicate keys are reported below, over the whole key, saying which value counts.
    if (e.code === 'DUPLICATE_KEY') continue;
    problems.push({ start: offset + e.pos[0], end: offset + e.pos[1], fatal: true, message: firstLine(e.message) });
  }
  for (const w of doc.warnings) {
    problems.push({ start: offset + w.pos[0], end: offset + w.pos[1], fatal: false, message: firstLine(w.message) });
  }
  if (problems.some((p) => p.fatal)) return { spans, problems: firstFatal(problems) };

  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    spans.set('', { valueStart: offset, valueEnd: offset });
    return { data: Object.create(null) as Record<string, unknown>, spans, problems };
  }
  if (!isMap(root)) {
    const [s, e] = root.range ?? [0, 0];
    problems.push({ start: offset + s, end: offset + e, fatal: true,
      message: 'frontmatter must be a list of "key: value" lines' });
    return { spans, problems };
  }

  let aliasReported = false;
  const toJson = (node: unknown, pointer: string, depth: number): unknown => {
    if (depth > MAX_DEPTH) {
      const r = (node as YamlNode).range ?? [0, 0, 0];
      problems.push({ start: offset + r[0], end: offset + r[1], fatal: true, message: `nested deeper than ${MAX_DEPTH} levels` });
      return null;
    }
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      // Reported once: an alias bomb has hundreds of them.
      if (!aliasReported) {
        const r = node.range ?? [0, 0, 0];
        problems.push({ start: offset + r[0], end: offset + r[1], fatal: false,
          message: 'YAML aliases (*name) are not supported in playbooks; write the value out' });
        aliasReported = true;
      }
      return null;
    }
    const yn = node as YamlNode;
    const range = yn.range ?? [0, 0, 0];
    const span = spans.get(pointer);
    if (span) { span.valueStart = offset + range[0]; span.valueEnd = offset + range[1]; }
    else spans.set(pointer, { valueStart: offset + range[0], valueEnd: offset + range[1] });
    if (yn.tag && !PLAIN_TAGS.has(yn.tag)) {
      problems.push({ start: offset + range[0], end: offset + range[1], fatal: false,
        message: `the YAML tag ${yn.tag.replace('tag:yaml.org,2002:', '!!')} is not supported; write a plain value` });
      return null;
    }
    if (isMap(yn)) {
      const out = Object.create(null) as Record<string, unknown>;
      for (const pair of yn.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : null;
        if (key === null) {
          const r = (pair.key as YamlNode | null)?.range ?? range;
          problems.push({ start: offset + r[0], end: offset + r[1], fatal: false, message: 'a frontmatter key must be plain text' });
          continue;
        }
        const childPointer = `${pointer}/${escapePointer(key)}`;
        const kr = (pair.key as YamlNode).range ?? range;
        if (Object.prototype.hasOwnProperty.call(out, key)) {
          problems.push({ start: offset + kr[0], end: offset + kr[1], fatal: false,
            message: `the key "${key}" appears more than once; the first value is used` });
          continue;
        }
        spans.set(childPointer, { keyStart: offset + kr[0], keyEnd: offset + kr[1],
          valueStart: offset + kr[1], valueEnd: offset + kr[1] });
        out[key] = toJson(pair.value, childPointer, depth + 1);
      }
      return out;
    }
    if (isSeq(yn)) return yn.items.map((item, i) => toJson(item, `${pointer}/${i}`, depth + 1));
    if (isScalar(yn)) {
      const v = yn.value;
      if (typeof v === 'number' && !Number.isFinite(v)) return String(yn.source ?? v);
      return typeof v === 'bigint' ? Number(v) : v;
    }
    return null;
  };
  const data = toJson(root, '', 0) as Record<string, unknown>;
  if (problems.some((p) => p.fatal)) return { spans, problems: firstFatal(problems) };
  return { data, spans, problems };
}

export function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function firstLine(message: string): string {
  if (/Maximum call stack size exceeded/.test(message)) return 'the YAML is nested too deeply to read';
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** After a fatal problem the rest is noise (5,000 nested "[" give hundreds of errors): keep the first. */
function firstFatal(problems: YamlProblem[]): YamlProblem[] {
  return [problems.find((p) => p.fatal)!];
}
