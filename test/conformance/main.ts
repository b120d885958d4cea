/**
 * `npm run conformance [-- --bless] [-- --filter <regexp>] [-- --no-report]`:
 * runs the suite (executing what canonjs and this engine can run, see
 * executor.ts), prints the scoreboard, writes conformance-report/ (unless
 * --no-report), and exits non-zero when
 * the results disagree with test/conformance/expectations.json.
 * Environment: BLESS=1, CONFORMANCE_FILTER, CONFORMANCE_SUITE.
 */
import { existsSync } from 'node:fs';
import { bless, describeVerdict, judge, loadExpectations, saveExpectations, verdictOk } from './expectations.js';
import { expectationsPath, reportDir, suiteDir } from './paths.js';
import { writeReport, scoreboard } from './report.js';
import { canonjsExecutor } from './executor.js';
import { fileMatcher, runSuite } from './run.js';

function parseArgs(argv: string[]): { bless: boolean; report: boolean; filter?: string } {
  let doBless = process.env.BLESS === '1';
  let report = true;
  let filter = process.env.CONFORMANCE_FILTER || undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--bless') doBless = true;
    else if (a === '--no-report') report = false;
    else if (a === '--filter') filter = argv[++i];
    else if (a.startsWith('--filter=')) filter = a.slice('--filter='.length);
    else {
      console.error(`unknown argument ${a} (use --bless, --no-report, --filter <regexp>)`);
      process.exit(2);
    }
  }
  return { bless: doBless, report, ...(filter ? { filter } : {}) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const suite = suiteDir();
  const t0 = performance.now();
  const results = await runSuite({ suiteDir: suite, executor: canonjsExecutor(), ...(args.filter ? { filter: args.filter } : {}) });
  const elapsed = performance.now() - t0;
  const path = expectationsPath();
  let listed = existsSync(path) ? loadExpectations(path) : new Map<string, string>();
  const ran = fileMatcher(args.filter);
  if (args.bless) {
    listed = bless(results, listed, ran);
    saveExpectations(path, listed);
    console.log(`blessed: ${path} (${listed.size} entries)`);
  }
  console.log(scoreboard(results, listed));
  if (args.report) writeReport(reportDir(), results, listed, elapsed);
  console.log(`\n${results.length} cases from ${suite}${args.filter ? ` (filter ${args.filter})` : ''} in ${(elapsed / 1000).toFixed(1)} s on Node ${process.versions.node}`);
  if (args.report) console.log(`report: ${reportDir()}/rejections.md, cases.json`);
  const verdict = judge(results, listed, ran);
  if (!verdictOk(verdict)) {
    console.log(`\n${describeVerdict(verdict)}`);
    process.exitCode = 1;
  }
}

await main();
