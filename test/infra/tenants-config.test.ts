/** `workerpools:tenants` in stack config: shape errors and meaning errors at the paths users write, the pool's merged placement. */
import * as path from "node:path";
import { LoadResult, loadStackConfig } from "../../infra/config";
import { placeholderCluster, poolArgs } from "../../infra/component-args";
import { readStackFile } from "../../tools/plan";

const ROOT = path.resolve(__dirname, "../..");
const ADMIN = "arn:aws:iam::111122223333:role/platform-admin";
const withTenants = (tenants: unknown[]): Record<string, unknown> => ({ ...structuredClone(readStackFile(ROOT, "dev").values), tenants });
const payments = { name: "payments", namespaces: ["payments", "payments-jobs"], quota: { cpu: 200, memory: "400Gi", pods: 500 }, pool: "batch" };

function errors(r: LoadResult) {
  if (r.ok) throw new Error("expected the config to be refused");
  return r.errors;
}

describe("workerpools:tenants", () => {
  it("is accepted with a dedicated pool, which gets label and taint tenant=<name> beside its own", () => {
    const r = loadStackConfig(withTenants([payments]));
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
    const { cluster, subnets } = placeholderCluster(r.config);
    const batch = poolArgs(r.config, r.config.pools[2], cluster, subnets);
    expect(batch.labels).toEqual({ role: "batch", tenant: "payments" });
    expect(batch.taints).toEqual([{ key: "workload", value: "batch", effect: "NoSchedule" }, { key: "tenant", value: "payments", effect: "NoSchedule" }]);
    const general = poolArgs(r.config, r.config.pools[1], cluster, subnets);
    expect(general.taints).toBeUndefined();
  });

  it.each<[string, unknown[], string, RegExp]>([
    ["a cluster admin as tenant admin", [{ ...payments, admins: [ADMIN] }], "workerpools:tenants[0].admins[0]", /is a cluster admin \(workerpools:cluster.admins\)/],
    ["a missing pool", [{ ...payments, pool: "gpu" }], "workerpools:tenants[0].pool", /no pool named "gpu"; pools are system, general, batch/],
    ["the CoreDNS pool as a dedicated pool", [{ ...payments, pool: "system" }], "workerpools:addons.coredns.pool", /"system" is dedicated to tenant "payments"/],
    ["an unknown PSA level (schema)", [{ ...payments, podSecurity: "strict" }], "workerpools:tenants[0].podSecurity", /restricted/],
    ["an unknown key (schema)", [{ ...payments, quotas: {} }], "workerpools:tenants[0].quotas", /unknown key "quotas" \(did you mean "quota"\?\)/],
  ])("refuses %s at its path", (_what, tenants, at, message) => {
    const found = errors(loadStackConfig(withTenants(tenants))).find((e) => e.path === at);
    expect(found?.message).toMatch(message);
  });

  it("refuses a dedicated pool whose own tenant label says otherwise, at the pool's label", () => {
    const values = withTenants([payments]);
    (values.pools as Record<string, unknown>[])[2].labels = { role: "batch", tenant: "search" };
    expect(errors(loadStackConfig(values)).map((e) => e.path)).toContain("workerpools:pools[2].labels.tenant");
  });

  it("still reports tenant problems when another section's shape is wrong", () => {
    const values = withTenants([{ ...payments, namespaces: ["kube-system"] }]);
    (values.pools as Record<string, unknown>[])[0].scaling = "three";
    const paths = errors(loadStackConfig(values)).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["workerpools:pools[0].scaling", "workerpools:tenants[0].namespaces[0]"]));
  });
});
