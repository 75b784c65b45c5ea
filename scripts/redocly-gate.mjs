// Fails when Redocly's JSON lint report (on stdin) has any error or warning, since
// `redocly lint` itself exits 0 on warnings. Prints each problem with its location.
let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const report = JSON.parse(input);
  for (const p of report.problems) {
    const where = (p.location || []).map((l) => l.pointer).join(', ');
    console.error(`${p.severity}: ${p.ruleId}: ${p.message} at ${where}`);
  }
  const { errors, warnings } = report.totals;
  console.log(`redocly: ${errors} errors, ${warnings} warnings`);
  process.exit(errors + warnings === 0 ? 0 : 1);
});
