/**
 * Issues about cluster-wide kubelet values are reported once, at the key written (`workerpools:kubelet.X`), not at
 * every pool's `workerpools:pools[i].kubelet.X` (SPEC §6): the mapping (components/kubelet issue-source.ts) and the
 * whole stack (infra/config.ts with infra/kubelet-issues.ts).
 */
import * as path from "node:path";
import { kubeletIssueSource } from "../../components/kubelet";
import { ConfigIssue } from "../../components/core";
import { loadStackConfig } from "../../infra/config";
import { attributeKubeletIssues } from "../../infra/kubelet-issues";
import { readStackFile } from "../../tools/plan";

const ROOT = path.resolve(__dirname, "../..");
type Values = Record<string, unknown> & { kubelet: Record<string, unknown>; pools: { kubelet?: Record<string, unknown> }[] };
const devValues = (): Values => structuredClone(readStackFile(ROOT, "dev").values) as Values;
const NOW = new Date("2026-12-01T00:00:00Z");
const errorsOf = (v: Values): ConfigIssue[] => {
  const r = loadStackConfig(v, NOW, { region: "us-east-1" });
  return r.ok ? [] : r.errors;
};

describe("kubeletIssueSource", () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, string, string]>([
    ["a scalar only the cluster sets", { maxPods: 300 }, {}, ".maxPods", "cluster .maxPods"],
    ["a scalar the pool sets too", { maxPods: 300 }, { maxPods: 400 }, ".maxPods", "pool .maxPods"],
    ["a derived value", {}, {}, ".kubeReserved", "pool .kubeReserved"],
    ["a map key the cluster sets (keys with dots)", { evictionHard: { "memory.available": "-5Mi" } }, { evictionHard: { "nodefs.available": "5%" } }, ".evictionHard.memory.available", "cluster .evictionHard.memory.available"],
    ["a map key the pool sets", { evictionHard: { "memory.available": "1Mi" } }, { evictionHard: { "memory.available": "-5Mi" } }, ".evictionHard.memory.available", "pool .evictionHard.memory.available"],
    ["a nested extra field", { extra: { authentication: { anonymous: { enabled: 1 } } } }, {}, ".extra.authentication.anonymous.enabled", "cluster .extra.authentication.anonymous.enabled"],
    ["a joined sysctl from the cluster, re-indexed", { allowedUnsafeSysctls: ["net.core.somaxconn", "vm.max_map_count"] }, { allowedUnsafeSysctls: ["net.core.somaxconn", "kernel.shm*"] }, ".allowedUnsafeSysctls[1]", "cluster .allowedUnsafeSysctls[1]"],
    ["a joined sysctl from the pool, re-indexed", { allowedUnsafeSysctls: ["net.core.somaxconn"] }, { allowedUnsafeSysctls: ["net.core.somaxconn", "fs.inotify.*"] }, ".allowedUnsafeSysctls[1]", "pool .allowedUnsafeSysctls[1]"],
    ["a concatenated override from the pool", { hardeningOverrides: [{ field: "readOnlyPort", value: 1, reason: "r" }] }, { hardeningOverrides: [{ field: "maxPods", value: 1, reason: "r" }] }, ".hardeningOverrides[1].field", "pool .hardeningOverrides[0].field"],
    ["a concatenated override from the cluster", { hardeningOverrides: [{ field: "maxPods", value: 1, reason: "r" }] }, {}, ".hardeningOverrides[0].field", "cluster .hardeningOverrides[0].field"],
    ["a path that is no option", { maxPods: 1 }, {}, "", "pool "],
  ])("%s", (_t, shared, own, suffix, expected) => {
    const s = kubeletIssueSource(suffix, shared, own);
    expect(`${s.source} ${s.suffix}`).toBe(expected);
  });
});

describe("a stack with a bad cluster-wide kubelet value", () => {
  it.each<[string, (v: Values) => void, string]>([
    ["a negative duration", (v) => { v.kubelet.shutdownGracePeriod = "-30s"; }, "workerpools:kubelet.shutdownGracePeriod"],
    ["a sysctl the kubelet refuses", (v) => { v.kubelet.allowedUnsafeSysctls = ["vm.max_map_count"]; }, "workerpools:kubelet.allowedUnsafeSysctls[0]"],
    ["an unknown feature gate", (v) => { v.kubelet.featureGates = { NoSuchGate: true }; }, "workerpools:kubelet.featureGates.NoSuchGate"],
    ["maxPods over the managed node group cap", (v) => { v.kubelet.maxPods = 300; }, "workerpools:kubelet.maxPods"],
    ["a negative eviction threshold", (v) => { v.kubelet.evictionHard = { "memory.available": "-5Mi" }; }, "workerpools:kubelet.evictionHard.memory.available"],
  ])("%s is reported once, at the key written", (_t, edit, at) => {
    const v = devValues();
    edit(v);
    const errors = errorsOf(v);
    expect(errors.filter((e) => e.path === at)).toHaveLength(1);
    expect(errors.filter((e) => /^workerpools:pools\[\d+\]\.kubelet/.test(e.path))).toEqual([]);
  });

  it("names the pools when only some of them have the problem (20s is refused on the AL2023 pools, not on Bottlerocket)", () => {
    const v = devValues();
    v.kubelet.shutdownGracePeriod = "20s";
    const errors = errorsOf(v);
    expect(errors).toEqual([{ path: "workerpools:kubelet.shutdownGracePeriod", message: expect.stringMatching(/\(in pools system, general\)$/) }]);
  });

  it("keeps a pool's own bad value at the pool's key", () => {
    const v = devValues();
    v.kubelet.allowedUnsafeSysctls = ["net.core.somaxconn"];
    v.pools[1].kubelet = { allowedUnsafeSysctls: ["fs.inotify.max_user_watches"] };
    expect(errorsOf(v).map((e) => e.path)).toEqual(["workerpools:pools[1].kubelet.allowedUnsafeSysctls[0]"]);
  });
});

describe("attributeKubeletIssues", () => {
  it("leaves other issues where they are, in order", () => {
    const issues = [{ path: "p[0].name", message: "a" }, { path: "p[0].kubelet.maxPods", message: "cap" }, { path: "p[0].kubeletX", message: "b" }];
    expect(attributeKubeletIssues([{ name: "a", at: "p[0]", kubelet: {}, issues }], { maxPods: 300 }, "c")).toEqual([
      { path: "p[0].name", message: "a" }, { path: "c.maxPods", message: "cap" }, { path: "p[0].kubeletX", message: "b" },
    ]);
  });
});
