/**
 * The change review on the node beyond the kubelet: a changed sysctl, instance storage strategy or escape-hatch part is
 * named by its pool key (kernel.sysctls.<name>, instanceStorage, userData.<part>) and rolls the pool (a launch template
 * user data change is a new version).
 */
import {
  bottlerocketEphemeralStorage, bottlerocketSettingsTable, nodeConfigInstance, renderAl2023SysctlPart, renderAl2023UserData,
  renderBottlerocketUserData, renderPreBootstrapParts,
} from "../../components/userdata";
import { ReviewResource, reviewChanges, userDataFields } from "../../tools/review";
import type { Sysctls, InstanceStorageStrategy } from "../../components/userdata";
import { LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE } from "../../components/core";

const CLUSTER = { name: "c", apiServerEndpoint: "https://api.example", certificateAuthority: "Q0E=", cidr: "172.20.0.0/16" };
const base64 = (text: string): string => Buffer.from(text, "utf8").toString("base64");

interface Node { sysctls?: Sysctls; storage?: InstanceStorageStrategy; pre?: string[]; extra?: Record<string, unknown> }
function al2023({ sysctls = {}, storage = "none", pre = [] }: Node): string {
  const sysctl = renderAl2023SysctlPart(sysctls);
  const instance = nodeConfigInstance(storage);
  return base64(renderAl2023UserData({ cluster: CLUSTER, kubeletConfig: {}, partsBeforeNodeConfig: [...(sysctl ? [sysctl] : []), ...renderPreBootstrapParts(pre)], ...(instance ? { instance } : {}) }));
}
function bottlerocket({ sysctls = {}, storage = "none", extra = {} }: Node): string {
  const commands = bottlerocketEphemeralStorage(storage);
  return base64(renderBottlerocketUserData({ cluster: CLUSTER, kubernetes: {}, sysctls, ...(commands ? { bootstrapCommands: commands } : {}), extraSettings: bottlerocketSettingsTable(extra) }));
}

const nodeGroup = (pool: string): ReviewResource => ({
  type: NODE_GROUP_TYPE, name: pool, ignoreChanges: ["scalingConfig.desiredSize"],
  inputs: {
    launchTemplate: { id: `${pool}-lt-id`, version: "1" }, scalingConfig: { minSize: 3, maxSize: 6, desiredSize: 3 },
    tags: { "workerpools/pool": pool }, updateConfig: { maxUnavailable: 1, updateStrategy: "DEFAULT" }, version: "1.35",
  },
});
const lt = (pool: string, userData: string): ReviewResource => ({ type: LAUNCH_TEMPLATE_TYPE, name: `${pool}-lt`, inputs: { userData, tags: { "workerpools/pool": pool } } });

function review(before: string, after: string) {
  const r = reviewChanges([lt("p", after), nodeGroup("p")], [lt("p", before), nodeGroup("p")]);
  const pool = r.pools[0];
  return { fields: pool.launchTemplate.map((c) => [c.field, c.before, c.after, c.effect]), consequence: pool.nodeGroups[0].consequence };
}

describe.each([["AL2023", al2023], ["BOTTLEROCKET", bottlerocket]] as const)("%s", (_os, render) => {
  it("names a changed sysctl as kernel.sysctls.<name> and rolls the pool", () => {
    const { fields, consequence } = review(render({ sysctls: { "vm.max_map_count": "262144" } }), render({ sysctls: { "vm.max_map_count": "524288" } }));
    expect(fields).toEqual([["kernel.sysctls.vm.max_map_count", "262144", "524288", "roll"]]);
    expect(consequence.kind).toBe("roll");
    if (consequence.kind === "roll") expect(consequence.because).toEqual(["launch template kernel.sysctls.vm.max_map_count"]);
  });

  it("names instance storage turned on as instanceStorage", () => {
    const { fields, consequence } = review(render({}), render({ storage: "raid0" }));
    expect(fields.map((f) => f[0])).toEqual(["instanceStorage"]);
    expect(consequence.kind).toBe("roll");
  });
});

describe("escape hatches", () => {
  it("AL2023: a changed preBootstrap script is a userData part change", () => {
    const { fields } = review(al2023({ pre: ["#!/bin/bash\necho a"] }), al2023({ pre: ["#!/bin/bash\necho b"] }));
    expect(fields).toEqual([["userData.part[0] text/x-shellscript; charset=\"us-ascii\"", "#!/bin/bash\necho a\n", "#!/bin/bash\necho b\n", "roll"]]);
  });

  it("Bottlerocket: a changed setting is named by its group; our sysctl and storage tables are not repeated there", () => {
    const { fields } = review(bottlerocket({ extra: { "settings.motd": "a" } }), bottlerocket({ extra: { "settings.motd": "b" } }));
    expect(fields).toEqual([["userData.settings.motd", "a", "b", "roll"]]);
    const d = userDataFields(bottlerocket({ sysctls: { "vm.max_map_count": "1" }, storage: "raid0" }));
    expect(d.other).toEqual({});
    expect(Object.keys(d.node)).toEqual(["kernel.sysctls.vm.max_map_count", "instanceStorage"]);
  });
});
