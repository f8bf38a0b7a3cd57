/**
 * Pool issues about cluster-wide kubelet values, reported once at the key the user wrote (SPEC §6): a value set at
 * `workerpools:kubelet.X` and refused is otherwise found again in every pool, at `workerpools:pools[i].kubelet.X`,
 * a path that does not exist. Which key an issue is about comes from the kubelet merge rules
 * (`kubeletIssueSource`); identical issues collapse into one, and one that only some pools have names them.
 */
import type { ConfigIssue } from "../components/core";
import { KubeletOptions, kubeletIssueSource } from "../components/kubelet";

/** One pool's issues, with where it sits and what its own kubelet options are. */
export interface PoolIssues {
  readonly name: string;
  /** The pool's config path, e.g. `workerpools:pools[1]`. */
  readonly at: string;
  /** The pool's own kubelet options (before the cluster-wide ones are merged under them). */
  readonly kubelet: KubeletOptions;
  readonly issues: readonly ConfigIssue[];
}

interface Group {
  readonly issue: ConfigIssue;
  readonly pools: string[];
}

/**
 * Every pool's issues in order, those about a cluster-wide kubelet value moved to `${clusterAt}<suffix>` and
 * de-duplicated (kept where first seen); an issue only some of the pools have says which.
 */
export function attributeKubeletIssues(pools: readonly PoolIssues[], cluster: KubeletOptions, clusterAt: string): ConfigIssue[] {
  const out: (ConfigIssue | Group)[] = [];
  const groups = new Map<string, Group>();
  for (const p of pools) {
    const prefix = `${p.at}.kubelet`;
    for (const issue of p.issues) {
      const suffix = issue.path.startsWith(prefix) ? issue.path.slice(prefix.length) : undefined;
      const src = suffix === undefined || (suffix !== "" && !/^[.[]/.test(suffix)) ? undefined : kubeletIssueSource(suffix, cluster, p.kubelet);
      if (src === undefined || src.source === "pool") {
        out.push(src === undefined ? issue : { ...issue, path: `${prefix}${src.suffix}` });
        continue;
      }
      const moved: ConfigIssue = { ...issue, path: `${clusterAt}${src.suffix}` };
      const key = `${moved.path}\n${moved.severity ?? "error"}\n${moved.message}`;
      const seen = groups.get(key);
      if (seen) {
        if (!seen.pools.includes(p.name)) seen.pools.push(p.name);
        continue;
      }
      const group = { issue: moved, pools: [p.name] };
      groups.set(key, group);
      out.push(group);
    }
  }
  const all = pools.length;
  return out.map((x) => {
    if (!("pools" in x)) return x;
    return x.pools.length === all ? x.issue : { ...x.issue, message: `${x.issue.message} (in pool${x.pools.length === 1 ? "" : "s"} ${x.pools.join(", ")})` };
  });
}
