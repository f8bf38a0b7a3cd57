/**
 * Shared checks of the accelerated example stacks (examples/stacks/Pulumi.<stack>.yaml), each planned by its own test
 * file under Pulumi's mock runtime (one program run per file: the runtime is process-global): the accelerated pool's
 * node groups get the AMI type and recommended SSM parameter, the device plugin release is there (or, where the AMI
 * ships one, absent) with node affinity on exactly the pool's node groups and the pool's taints tolerated, the plan's
 * pools section lists the allocatable devices per node, and EKS-NG-009 passes.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PlanResource, PlanRun, evaluatePolicies, readStackFile, renderPools, runPlan, summarizePools } from "../../tools/plan";
import type { NodeAccelerators } from "../../components/worker-pool";
import { HELM_RELEASE_TYPE, NODE_GROUP_TYPE } from "../../components/core";

export const EXAMPLES = path.resolve(__dirname, "../../examples/stacks");
const NOW = new Date("2026-12-01T00:00:00Z");

/** What one example must plan. */
export interface AcceleratedExample {
  readonly stack: string;
  /** The accelerated pool's name (its node groups are named after it). */
  readonly pool: string;
  readonly amiType: string;
  /** The recommended-channel SSM parameter the node groups' releaseVersion is read from. */
  readonly parameter: string;
  /** The device plugin release, or `undefined` when the AMI ships the plugin (none is installed). */
  readonly release?: { readonly name: string; readonly chart: string; readonly version: string; readonly podPath: string };
  /** The pool's taint the release must tolerate (as the values carry it). */
  readonly taint: { readonly key: string; readonly value: string; readonly effect: string };
  readonly perNode: readonly NodeAccelerators[];
  /** A line of the text plan's pool section. */
  readonly line: string;
}

type PodValues = { affinity?: unknown; tolerations?: unknown[] };

/** The release's pod values (top level or under the chart's pod path). */
const podValues = (r: PlanResource, at: string): PodValues => {
  const values = r.inputs.values as Record<string, unknown>;
  return (at === "" ? values : values[at]) as PodValues;
};

export function describeAcceleratedExample(e: AcceleratedExample): void {
  let run: Extract<PlanRun, { ok: true }> | undefined;
  const planned = (): Extract<PlanRun, { ok: true }> => {
    if (!run) throw new Error("not planned");
    return run;
  };

  beforeAll(async () => {
    const r = await runPlan(readStackFile(EXAMPLES, e.stack), { now: NOW });
    if (!r.ok) throw new Error(r.errors.map((x) => `${x.path}: ${x.message}`).join("\n"));
    run = r;
  });

  describe(`examples/stacks/Pulumi.${e.stack}.yaml`, () => {
    it("names the published configuration it follows on top", () => {
      const text = fs.readFileSync(path.join(EXAMPLES, `Pulumi.${e.stack}.yaml`), "utf8");
      expect(text).toMatch(/^# After .+@[0-9a-f]{40}/s);
    });

    it(`plans the ${e.pool} pool's node groups on ${e.amiType}, released from the recommended SSM parameter`, () => {
      const groups = planned().resources.filter((r) => r.type === NODE_GROUP_TYPE && r.name.startsWith(e.pool));
      expect(groups.length).toBeGreaterThan(0);
      for (const g of groups) expect(g.inputs).toMatchObject({ amiType: e.amiType, releaseVersion: `offline-stand-in(${e.parameter})` });
      expect(planned().standIns.map((s) => s.question)).toContain(`ssm:GetParameter ${e.parameter}`);
    });

    it(e.release ? `installs ${e.release.name} on the pool's node groups only, tolerating its taint, after the node groups` : "installs no device plugin release (the AMI ships one)", () => {
      const releases = planned().resources.filter((r) => r.type === HELM_RELEASE_TYPE);
      if (!e.release) {
        expect(releases).toEqual([]);
        return;
      }
      expect(releases.map((r) => r.inputs.name)).toEqual([e.release.name]);
      const [release] = releases;
      expect(release.inputs).toMatchObject({ chart: e.release.chart, version: e.release.version, namespace: "kube-system" });
      const pod = podValues(release, e.release.podPath);
      const affinity = JSON.parse(JSON.stringify(pod.affinity)) as { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: { matchExpressions: { key: string; operator: string; values: string[] }[] }[] } } };
      const [expr] = affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions;
      expect(expr).toMatchObject({ key: "eks.amazonaws.com/nodegroup", operator: "In" });
      const groups = planned().resources.filter((r) => r.type === NODE_GROUP_TYPE);
      const poolGroups = groups.filter((g) => g.name.startsWith(e.pool));
      expect(expr.values).toHaveLength(poolGroups.length);
      expect(expr.values.every((n) => n.startsWith(e.pool))).toBe(true);
      expect(pod.tolerations).toContainEqual({ operator: "Equal", ...e.taint });
      expect([...release.dependencies]).toEqual(expect.arrayContaining(groups.map((g) => g.urn)));
    });

    it("lists the allocatable devices per node in the plan's pools section, with no device plugin warning", () => {
      const pools = summarizePools(planned().config);
      expect(pools.find((p) => p.name === e.pool)?.accelerator?.perNode).toEqual(e.perNode);
      expect(renderPools(pools)).toContain(e.line);
      expect(planned().warnings.filter((w) => w.path.endsWith(".accelerator"))).toEqual([]);
    });

    it("passes EKS-NG-009: the pool's taint keeps general pods off", () => {
      const verdicts = evaluatePolicies(planned().resources, {}, { now: NOW }).filter((r) => r.ruleId === "EKS-NG-009");
      expect(verdicts.length).toBeGreaterThan(0);
      expect(verdicts.filter((v) => !v.passed)).toEqual([]);
    });
  });
}
