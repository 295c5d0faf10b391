import { ExitCode, UsageError } from '../../errors.js';
import { defaultPolicies, type PolicySet } from '../../policies/index.js';
import { listThresholds } from '../../policies/list-thresholds.js';
import { policiesList, policyDetail } from '../../reports/policies-report.js';

/** `deliv policies [show <name>]`: the policies deliv applies, with every threshold's source. */
export function runPolicies(options: { show?: string; json: boolean }, print: (text: string) => void): ExitCode {
  const policies: PolicySet = defaultPolicies;
  if (options.show === undefined) {
    print(
      options.json
        ? JSON.stringify(Object.entries(policies).map(([name, p]) => ({ name, title: p.title, thresholds: listThresholds(p) })), null, 2)
        : policiesList(policies),
    );
    return ExitCode.Ok;
  }
  const policy = (policies as unknown as Record<string, PolicySet[keyof PolicySet]>)[options.show];
  if (!policy) throw new UsageError(`no policy named "${options.show}"; expected one of ${Object.keys(policies).join(', ')}`);
  print(options.json ? JSON.stringify({ ...policy, thresholds: listThresholds(policy) }, null, 2) : policyDetail(options.show, policy));
  return ExitCode.Ok;
}
