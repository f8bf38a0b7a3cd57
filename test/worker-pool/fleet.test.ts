/** The pools together: EKS's managed node group quota, NoExecute taints on the CoreDNS pool. */
import { corednsTaintWarnings, nodeGroupCount, validateNodeGroupQuota } from "../../components/worker-pool";
import { eksLimit, eksLimitSource } from "../../components/facts";

describe("managed node groups per cluster (EKS default quota)", () => {
  it("is EKS's 30, as data with its source", () => {
    expect(eksLimit("managedNodeGroupsPerCluster")).toBe(30);
    expect(eksLimitSource("managedNodeGroupsPerCluster")).toMatch(/service-quotas/);
  });

  it("counts one node group per AZ for per-zone pools", () => {
    expect(nodeGroupCount("per-zone", ["a", "b", "c"])).toBe(3);
    expect(nodeGroupCount("spread", ["a", "b", "c"])).toBe(1);
  });

  it("warns past 30, naming the pools that make the most", () => {
    const pools = [...Array.from({ length: 9 }, (_, i) => ({ name: `zonal-${i}`, nodeGroups: 3 })), { name: "spread", nodeGroups: 1 }, { name: "more", nodeGroups: 3 }];
    expect(validateNodeGroupQuota(pools, "workerpools:pools")).toEqual([{
      path: "workerpools:pools", severity: "warning",
      message: expect.stringMatching(/^31 managed node groups \(per-zone pools make one per AZ: zonal-0 3, .*, and 6 more pools\), past EKS's default quota of 30 per cluster/),
    }]);
  });

  it("says nothing at 30", () => {
    expect(validateNodeGroupQuota(Array.from({ length: 10 }, (_, i) => ({ name: `p${i}`, nodeGroups: 3 })), "workerpools:pools")).toEqual([]);
  });
});

describe("NoExecute taints on the CoreDNS pool", () => {
  it("warn at the taint, with the safe sequence", () => {
    const taints = [{ key: "a", effect: "NoSchedule" as const }, { key: "dedicated", value: "system", effect: "NoExecute" as const }];
    expect(corednsTaintWarnings(taints, "system", "workerpools:pools[0]")).toEqual([{
      path: "workerpools:pools[0].taints[1]", severity: "warning",
      message: expect.stringMatching(/evicts CoreDNS before the coredns addon \(updated after every node group\) tolerates it.*move CoreDNS off the pool \(addons\.coredns\.pool\)/),
    }]);
  });

  it("NoSchedule and PreferNoSchedule do not evict running pods: no warning", () => {
    expect(corednsTaintWarnings([{ key: "a", effect: "NoSchedule" }, { key: "b", effect: "PreferNoSchedule" }], "system", "p")).toEqual([]);
  });
});
