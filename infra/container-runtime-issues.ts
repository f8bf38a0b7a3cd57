/**
 * Pool issues about a stack-wide container runtime value, reported once at the key the user wrote (SPEC §6):
 * `workerpools:containerRuntime.X` rather than `workerpools:pools[i].containerRuntime.X` in every pool. Which layer
 * set a value comes from the option merge rules (`containerRuntimeSource`); identical issues collapse into one, and
 * one that only some pools have (e.g. a Bottlerocket pool refusing a stack-wide setting) names them.
 */
import type { ConfigIssue } from "../components/core";
import { CONTAINER_RUNTIME_OPTION_NAMES, ContainerRuntimeOptionName, ContainerRuntimeOptions, containerRuntimeSource } from "../components/userdata";

/** One pool's container runtime issues (paths under `${at}.containerRuntime`) and its own options. */
export interface PoolRuntimeIssues {
  readonly name: string;
  readonly at: string;
  readonly containerRuntime: ContainerRuntimeOptions;
  readonly issues: readonly ConfigIssue[];
}

const isOption = (s: string): s is ContainerRuntimeOptionName => (CONTAINER_RUNTIME_OPTION_NAMES as readonly string[]).includes(s);

/** `.registryMirrors["docker.io"][0]` → registryMirrors, docker.io. */
function fieldOf(suffix: string): { field: ContainerRuntimeOptionName; key?: string } | undefined {
  const m = /^\.([A-Za-z]+)(?:\["([^"]+)"\])?/.exec(suffix);
  if (!m || !isOption(m[1])) return undefined;
  return m[1] === "registryMirrors" && m[2] !== undefined ? { field: m[1], key: m[2] } : { field: m[1] };
}

/** Every pool's issues, those about a stack-wide value moved to `${stackAt}<suffix>` and de-duplicated. */
export function attributeContainerRuntimeIssues(pools: readonly PoolRuntimeIssues[], stack: ContainerRuntimeOptions, stackAt: string): ConfigIssue[] {
  const out: (ConfigIssue | { issue: ConfigIssue; pools: string[] })[] = [];
  const groups = new Map<string, { issue: ConfigIssue; pools: string[] }>();
  for (const p of pools) {
    const prefix = `${p.at}.containerRuntime`;
    for (const issue of p.issues) {
      const suffix = issue.path.startsWith(prefix) ? issue.path.slice(prefix.length) : "";
      const f = fieldOf(suffix);
      if (!f || containerRuntimeSource(f.field, f.key, stack, p.containerRuntime) !== "stack") {
        out.push(issue);
        continue;
      }
      const moved = { ...issue, path: `${stackAt}${suffix}` };
      const key = `${moved.path}\n${moved.severity ?? "error"}\n${moved.message}`;
      const seen = groups.get(key);
      if (seen) {
        seen.pools.push(p.name);
        continue;
      }
      const group = { issue: moved, pools: [p.name] };
      groups.set(key, group);
      out.push(group);
    }
  }
  return out.map((x) => {
    if (!("pools" in x)) return x;
    return x.pools.length === pools.length ? x.issue : { ...x.issue, message: `${x.issue.message} (in pool${x.pools.length === 1 ? "" : "s"} ${x.pools.join(", ")})` };
  });
}
