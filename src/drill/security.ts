/** The security part of the drill: issue 17's ten defects plus the secret-leak search, each a named check. */
import { checkAbsoluteForm, checkCrossSitePost, checkDashboardHeaders, checkForeignHost, checkPercentEncodedPaths, type CheckResult } from './security-api.js';
import { checkBadDataFiles, checkBadHome, checkConstantTimeCompare, checkCorruptStateKeepsCash, checkStaleTempRemoved } from './security-local.js';
import { checkNoSecretLeaks } from './secrets.js';
import { progress, type SecurityReport } from './report.js';

export async function runSecurity(o: { keep: boolean }): Promise<SecurityReport> {
  const checks: [string, () => CheckResult | Promise<CheckResult>][] = [
    ['percent_encoded_path', () => checkPercentEncodedPaths()],
    ['absolute_form_request_line', () => checkAbsoluteForm()],
    ['corrupt_state_keeps_cash', () => checkCorruptStateKeepsCash()],
    ['cross_site_post', () => checkCrossSitePost()],
    ['foreign_host', () => checkForeignHost()],
    ['dashboard_headers', () => checkDashboardHeaders()],
    ['constant_time_token_compare', () => checkConstantTimeCompare()],
    ['bad_home', () => checkBadHome()],
    ['bad_data_files', () => checkBadDataFiles()],
    ['stale_temp_removed', () => checkStaleTempRemoved()],
    ['no_secret_leaks', () => checkNoSecretLeaks({ runSeconds: 12, keep: o.keep })],
  ];
  const detail: CheckResult[] = [];
  for (const [name, run] of checks) {
    let r: CheckResult;
    try {
      r = await run();
    } catch (err) {
      r = { name, ok: false, detail: `the check itself failed: ${(err as Error).message}` };
    }
    progress(`security: ${r.ok ? 'pass' : 'FAIL'} ${r.name}: ${r.detail.slice(0, 200)}`);
    detail.push(r);
  }
  return { checks: detail.length, failures: detail.filter((d) => !d.ok).length, detail };
}
