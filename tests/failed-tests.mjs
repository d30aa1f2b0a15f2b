// Lists every failed test of the reports in a folder (Vitest's vitest.json and each *.trx), one line each with the
// first line of its message: test.sh prints them just above its closing line, where a CI log's tail still shows them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = process.argv[2];
const decode = (text) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#xD;/g, '').replace(/&#xA;/g, '\n').replace(/&amp;/g, '&');
const firstLine = (text) => (text ?? '').trim().split(/\r?\n/).filter((line) => line.trim()).slice(0, 3).join(' | ').slice(0, 400);

for (const file of readdirSync(folder).sort()) {
  const path = join(folder, file);
  if (file === 'vitest.json') {
    const report = JSON.parse(readFileSync(path, 'utf8'));
    for (const suite of report.testResults ?? []) {
      for (const test of suite.assertionResults ?? []) {
        if (test.status === 'failed') console.log(`FAILED (Vitest) ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
      }
    }
  } else if (file.endsWith('.trx')) {
    const trx = readFileSync(path, 'utf8');
    // A result is either self-closing or holds <Output><ErrorInfo><Message>…</Message>.
    for (const [result] of trx.matchAll(/<UnitTestResult\b[^>]*?(?:\/>|>[\s\S]*?<\/UnitTestResult>)/g)) {
      if (!/\boutcome="Failed"/.test(result)) continue;
      const name = decode(/\btestName="([^"]*)"/.exec(result)?.[1] ?? '?');
      const message = /<Message>([\s\S]*?)<\/Message>/.exec(result)?.[1];
      console.log(`FAILED ${name}: ${firstLine(decode(message ?? ''))}`);
    }
  }
}
