/** vpc-cni security groups for Pods, TCP early demux and log level: rendered values, judged by the shipped addon schema. */
import { ADDON_CATALOG, renderVpcCniValues, validateAddonConfiguration, resolveAddonsArgs, validateAddons, validateRenderedValues } from "../../components/addons";

const base = { clusterName: "c", kubernetesVersion: "1.35", kubeconfig: "{}" };
const args = (vpcCni: Record<string, unknown>) => resolveAddonsArgs({ ...base, vpcCni });

describe("vpc-cni node-health options", () => {
  it("renders ENABLE_POD_ENI and the log level in env, DISABLE_TCP_EARLY_DEMUX in init.env", () => {
    const values = renderVpcCniValues(args({ podSecurityGroups: true, disableTcpEarlyDemux: true, logLevel: "INFO" }).vpcCni);
    expect(values).toMatchObject({ env: { ENABLE_POD_ENI: "true", AWS_VPC_K8S_CNI_LOGLEVEL: "INFO" }, init: { env: { DISABLE_TCP_EARLY_DEMUX: "true" } } });
    expect(validateRenderedValues(args({ podSecurityGroups: true, disableTcpEarlyDemux: true, logLevel: "INFO" }), "workerpools:addons")).toEqual([]);
  });

  it("renders none of them by default", () => {
    const values = renderVpcCniValues(args({}).vpcCni);
    expect(values.init).toBeUndefined();
    expect(Object.keys(values.env as object)).not.toEqual(expect.arrayContaining(["ENABLE_POD_ENI"]));
  });

  it("the shipped schema would refuse DISABLE_TCP_EARLY_DEMUX in the main container's env (why it goes to init)", () => {
    const misplaced = validateAddonConfiguration("vpc-cni", { env: { DISABLE_TCP_EARLY_DEMUX: "true" } }, "v");
    expect(misplaced).toEqual([expect.objectContaining({ path: "v.env.DISABLE_TCP_EARLY_DEMUX", message: expect.stringMatching(/unknown property/) })]);
    const row = ADDON_CATALOG.find((r) => r.key === "vpcCni");
    expect(row?.options).toHaveProperty("logLevel", { kind: "enum", values: ["DEBUG", "INFO", "WARN", "ERROR", "FATAL"] });
  });

  it("warns when pod security groups run without disabling TCP early demux", () => {
    const warn = validateAddons(args({ podSecurityGroups: true }), "workerpools:addons").filter((i) => i.path === "workerpools:addons.vpcCni.disableTcpEarlyDemux");
    expect(warn).toEqual([expect.objectContaining({ severity: "warning", message: expect.stringMatching(/probes/) })]);
    expect(validateAddons(args({ podSecurityGroups: true, disableTcpEarlyDemux: true }), "workerpools:addons").filter((i) => i.path.includes("TcpEarlyDemux"))).toEqual([]);
  });
});
