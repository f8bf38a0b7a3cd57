/** The desired state against the deployed one: downgrades EKS refuses, and the AZs the control plane may use. */
import { VersionState, controlPlaneZones, validateControlPlaneZones, validateVersionChanges } from "../../components/patching";

const PATHS = { controlPlane: "cp", pool: (name: string) => `pool:${name}` };
const state = (controlPlane: string, pools: Record<string, string> = {}, zones?: string[]): VersionState => ({
  controlPlane,
  pools: Object.fromEntries(Object.entries(pools).map(([k, v]) => [k, { kubernetesVersion: v }])),
  ...(zones ? { creationAvailabilityZones: zones } : {}),
});

describe("validateVersionChanges", () => {
  it("refuses a control plane downgrade", () => {
    expect(validateVersionChanges(state("1.34"), state("1.35"), PATHS)).toEqual([
      { path: "cp", message: expect.stringMatching(/runs Kubernetes 1\.35 \(deployed\); EKS cannot downgrade a cluster, got 1\.34/) },
    ]);
  });

  it("refuses a control plane upgrade of two minors at once (EKS upgrades one at a time)", () => {
    expect(validateVersionChanges(state("1.35"), state("1.33"), PATHS)).toEqual([
      { path: "cp", message: expect.stringMatching(/one minor version at a time, got 1\.35: deploy 1\.34 first/) },
    ]);
  });

  it("refuses a pool downgrade at the pool's path, and offers a new pool", () => {
    const issues = validateVersionChanges(state("1.35", { system: "1.34", general: "1.35" }), state("1.35", { system: "1.35", general: "1.34" }), PATHS);
    expect(issues).toEqual([{ path: "pool:system", message: expect.stringMatching(/cannot downgrade a managed node group, got 1\.34: keep 1\.35, or add a new pool on 1\.34/) }]);
  });

  it.each<[string, VersionState | undefined]>([
    ["nothing deployed", undefined],
    ["the same versions", state("1.35", { system: "1.35" })],
    ["one minor up and a pool catching up", state("1.34", { system: "1.33" })],
    ["a pool deployed for the first time", state("1.35", {})],
  ])("accepts %s", (_n, deployed) => {
    expect(validateVersionChanges(state("1.35", { system: "1.35" }), deployed, PATHS)).toEqual([]);
  });
});

describe("controlPlaneZones", () => {
  it("first deploy: every configured AZ is a creation AZ", () => {
    expect(controlPlaneZones(["a", "b", "c"], undefined)).toEqual({ zones: ["a", "b", "c"], added: [], creation: ["a", "b", "c"], known: true });
  });

  it("an AZ added later stays off the control plane, and the creation AZs are kept as recorded", () => {
    expect(controlPlaneZones(["a", "b", "c", "d"], state("1.35", {}, ["a", "b", "c"]))).toEqual({ zones: ["a", "b", "c"], added: ["d"], creation: ["a", "b", "c"], known: true });
  });

  it("a removed creation AZ can come back (the record is the creation AZs, not the last ones used)", () => {
    const z = controlPlaneZones(["a", "b"], state("1.35", {}, ["a", "b", "c"]));
    expect(z.creation).toEqual(["a", "b", "c"]);
    expect(controlPlaneZones(["a", "b", "c"], { ...state("1.35"), creationAvailabilityZones: z.creation }).zones).toEqual(["a", "b", "c"]);
  });

  it("a deployment that did not record them: the configured AZs are assumed and the plan says so", () => {
    expect(controlPlaneZones(["a", "b"], state("1.35")).known).toBe(false);
    expect(validateControlPlaneZones(["a", "b"], state("1.35"), { network: "net", zone: (az) => az })).toEqual([
      { path: "net", severity: "warning", message: expect.stringMatching(/did not record the AZs its cluster was created in/) },
    ]);
  });
});

describe("validateControlPlaneZones", () => {
  const paths = { network: "net", zone: (az: string) => `zone:${az}` };
  it("warns at the new AZ: its subnet serves pools, not the control plane", () => {
    expect(validateControlPlaneZones(["a", "b", "d"], state("1.35", {}, ["a", "b", "c"]), paths)).toEqual([
      { path: "zone:d", severity: "warning", message: expect.stringMatching(/^d is not one of the AZs the cluster was created in \(a, b, c\).*not added to the cluster \(eks\.Cluster subnetIds\); pools may use it$/) },
    ]);
  });

  it("refuses a config that leaves the control plane fewer than 2 creation AZs", () => {
    expect(validateControlPlaneZones(["a", "d", "e"], state("1.35", {}, ["a", "b", "c"]), paths).filter((i) => i.severity === undefined)).toEqual([
      { path: "net", message: expect.stringMatching(/at least 2 of the AZs the cluster was created in \(a, b, c\); the config keeps a$/) },
    ]);
  });
});
