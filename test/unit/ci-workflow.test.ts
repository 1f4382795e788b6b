// The documented CI workflow (docs/ci/playbooks-sharded.yml, shown in docs/ci.md) and
// action.yml, checked with GitHub's own parser behind its Actions language server,
// @actions/workflow-parser. On Node 20 that package loads only when bundled (it imports
// JSON without an import attribute), so it is bundled to CommonJS with esbuild first.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { parse } from 'yaml';
import { removeDir, ROOT, tempDir } from '../fixtures/diff/repo.js';

interface ParseResult { context: { errors: { getErrors(): Array<{ message: string }> } }; value: unknown }
interface Parser {
  parseWorkflow(file: { name: string; content: string }, trace: unknown): ParseResult;
  convertWorkflowTemplate(context: ParseResult['context'], value: unknown): Promise<{ errors?: Array<{ Message: string }> }>;
  parseAction(file: { name: string; content: string }, trace: unknown): ParseResult;
  NoOperationTraceWriter: new () => unknown;
}

const WORKFLOW = join(ROOT, 'docs/ci/playbooks-sharded.yml');

describe('CI workflow and action.yml (GitHub\'s workflow parser)', function () {
  this.timeout(120_000);
  let dir: string;
  let parser: Parser;

  before(async () => {
    dir = tempDir('workflow-parser');
    const entry = join(dir, 'entry.mjs');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(entry, [
      "export { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } from '@actions/workflow-parser';",
      "export { parseAction } from '@actions/workflow-parser/actions/index';",
    ].join('\n'));
    await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20',
      outfile: join(dir, 'parser.cjs'), nodePaths: [join(ROOT, 'node_modules')], logLevel: 'error' });
    parser = createRequire(import.meta.url)(join(dir, 'parser.cjs')) as Parser;
  });
  after(() => removeDir(dir));

  const workflowErrors = async (name: string, content: string): Promise<string[]> => {
    const result = parser.parseWorkflow({ name, content }, new parser.NoOperationTraceWriter());
    const errors = result.context.errors.getErrors().map((e) => e.message);
    if (!errors.length && result.value) {
      const converted = await parser.convertWorkflowTemplate(result.context, result.value);
      errors.push(...(converted.errors ?? []).map((e) => e.Message));
    }
    return errors;
  };

  it('docs/ci.md shows the workflow file exactly as it is kept', () => {
    const doc = readFileSync(join(ROOT, 'docs/ci.md'), 'utf8');
    const block = /```yaml\n# Lint every playbook[\s\S]*?```/.exec(doc)?.[0];
    assert.ok(block, 'docs/ci.md has the workflow in a yaml block');
    assert.equal(block.slice('```yaml\n'.length, -'```'.length), readFileSync(WORKFLOW, 'utf8'));
  });

  it('the sharded workflow parses with no error', async () => {
    assert.deepEqual(await workflowErrors('playbooks-sharded.yml', readFileSync(WORKFLOW, 'utf8')), []);
  });

  it('the sharded workflow runs every shard and merges them all', () => {
    const wf = parse(readFileSync(WORKFLOW, 'utf8')) as { env: Record<string, unknown>; jobs: Record<string, { strategy?: { matrix: { shard: number[] } }; needs?: string; steps: Array<{ run?: string; uses?: string }> }> };
    const shards = wf.jobs['lint']!.strategy!.matrix.shard;
    assert.deepEqual(shards, Array.from({ length: Number(wf.env['SHARDS']) }, (_, i) => i + 1));
    assert.equal(wf.jobs['report']!.needs, 'lint');
    const runs = wf.jobs['report']!.steps.map((s) => s.run ?? s.uses ?? '').join('\n');
    for (const f of ['github', 'sarif', 'markdown']) assert.match(runs, new RegExp(`merge shards/\\*\\.json --format ${f}`));
    assert.match(wf.jobs['lint']!.steps.map((s) => s.run ?? '').join('\n'), /--shard "\$\{\{ matrix\.shard \}\}\/\$SHARDS" --format json/);
  });

  it('the parser is not vacuous: a misspelt key and a bad expression are errors', async () => {
    const text = readFileSync(WORKFLOW, 'utf8');
    assert.notDeepEqual(await workflowErrors('bad.yml', text.replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest')), []);
    assert.notDeepEqual(await workflowErrors('bad.yml', text.replace('${{ !cancelled() }}', '${{ !cancelled( }}')), []);
  });

  it('action.yml uses only the documented action metadata keys', () => {
    const errorsOf = (content: string) => parser.parseAction({ name: 'action.yml', content }, new parser.NoOperationTraceWriter())
      .context.errors.getErrors().map((e) => e.message);
    const text = readFileSync(join(ROOT, 'action.yml'), 'utf8');
    assert.deepEqual(errorsOf(text), []);
    assert.notDeepEqual(errorsOf(text.replace('branding:', 'brandingx:')), [], 'an unknown key is reported');
  });
});
