/** `workerpools:cluster.network.natGateways` in stack config: parsed, passed on, and refused where it cannot apply. */
import { loadStackConfig } from "../../infra/config";

const NOW = new Date("2026-12-01T00:00:00Z");
const pools = [{ name: "p", instanceTypes: ["m6i.large"] }];
const cluster = (network: Record<string, unknown>) => ({ cluster: { name: "c", network }, pools });
const AZS = ["us-east-1a", "us-east-1b"];

describe("natGateways", () => {
  it.each(["perAz", "single"])("%s reaches the network config", (mode) => {
    const r = loadStackConfig(cluster({ vpcCidr: "10.40.0.0/16", availabilityZones: AZS, natGateways: mode }), NOW, { region: "us-east-1" });
    expect(r.ok && r.config.network).toEqual({ kind: "create", vpcCidr: "10.40.0.0/16", availabilityZones: AZS, natGateways: mode });
  });

  it("unset leaves the default to the Network component (perAz)", () => {
    const r = loadStackConfig(cluster({ vpcCidr: "10.40.0.0/16", availabilityZones: AZS }), NOW, { region: "us-east-1" });
    expect(r.ok && r.config.network).toEqual({ kind: "create", vpcCidr: "10.40.0.0/16", availabilityZones: AZS });
  });

  it("is refused with brought subnets, at its path", () => {
    const subnets = AZS.map((az, i) => ({ id: `subnet-0${i}`, az }));
    const r = loadStackConfig(cluster({ vpcId: "vpc-1", privateSubnets: subnets, natGateways: "single" }), NOW, { region: "us-east-1" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([expect.objectContaining({ path: "workerpools:cluster.network.natGateways", message: expect.stringMatching(/only applies to a VPC this stack creates/) })]);
  });

  it("an unknown mode is refused at its path", () => {
    const r = loadStackConfig(cluster({ vpcCidr: "10.40.0.0/16", availabilityZones: AZS, natGateways: "none" }), NOW, { region: "us-east-1" });
    expect(!r.ok && r.errors.map((e) => e.path)).toEqual(["workerpools:cluster.network.natGateways"]);
  });
});
