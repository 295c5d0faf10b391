import { ExitCode, UsageError } from '../../errors.js';
import { loadPolicyFile } from '../../config/choose-policies.js';
import { BUILT_IN_POLICIES, hygienePolicy, type Policy } from '../../policies/index.js';
import { hygieneDetail, policiesList, policyDetail } from '../../reports/policies-report.js';

/** `deliv policies [show <name|file>]`: the policies deliv can judge by, with every threshold's source. */
export async function runPolicies(options: { show?: string; json: boolean }, print: (text: string) => void): Promise<ExitCode> {
  const builtIns = Object.values(BUILT_IN_POLICIES);
  if (options.show === undefined) {
    print(options.json ? JSON.stringify({ policies: builtIns, hygiene: hygienePolicy }, null, 2) : policiesList(builtIns, hygienePolicy));
    return ExitCode.Ok;
  }
  if (options.show === 'hygiene') {
    print(options.json ? JSON.stringify(hygienePolicy, null, 2) : hygieneDetail(hygienePolicy));
    return ExitCode.Ok;
  }
  let policy: Policy | undefined = BUILT_IN_POLICIES[options.show];
  if (!policy && /[\\/]|\.json$/i.test(options.show)) policy = await loadPolicyFile(options.show);
  if (!policy) throw new UsageError(`no policy named "${options.show}"; expected one of ${[...Object.keys(BUILT_IN_POLICIES), 'hygiene'].join(', ')}, or a .json policy file`);
  print(options.json ? JSON.stringify(policy, null, 2) : policyDetail(policy));
  return ExitCode.Ok;
}
