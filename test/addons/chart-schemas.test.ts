/**
 * The schemas derived from upstream chart values (metrics-server, EFS CSI, CloudWatch observability), the kube-proxy
 * schema with nftables, and `extra` entries checked against a shipped schema of their name.
 */
import {
  ADDON_CATALOG, AddonsArgs, addonSchema, addonSchemaVersion, resolveAddonsArgs, validateAddonConfiguration, validateAddons, validateRenderedValues,
} from "../../components/addons";
import { schemaNote } from "../../tools/plan";

const AT = "workerpools:addons";
const base: AddonsArgs = { clusterName: "c", kubeconfig: "{}", kubernetesVersion: "1.35" };
const issues = (over: Partial<AddonsArgs>) => validateAddons(resolveAddonsArgs({ ...base, ...over }), AT, "workerpools:kubeProxy");

describe.each([
  ["metrics-server", "metricsServer", "kubernetes-sigs/metrics-server", "charts/metrics-server/values.yaml", "chart metrics-server 3.13.1 (app 0.8.1)", "tolerations"],
  ["aws-efs-csi-driver", "efsCsi", "kubernetes-sigs/aws-efs-csi-driver", "charts/aws-efs-csi-driver/values.yaml", "chart aws-efs-csi-driver 4.4.1 (app 3.4.1)", "storageClasses"],
  ["amazon-cloudwatch-observability", "cloudwatchObservability", "aws-observability/helm-charts", "charts/amazon-cloudwatch-observability/values.yaml", "chart amazon-cloudwatch-observability 6.4.0 (app 1.0.0)", "tolerations"],
] as const)("%s (chart values, partial)", (addon, key, repo, path, version, list) => {
  const s = addonSchema(addon);
  it("names its chart source, commit and version, and is partial", () => {
    expect(s.source).toMatchObject({ repo, path, commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(s.partial).toBe(true);
    expect(addonSchemaVersion(s)).toBe(version);
    expect(schemaNote(addon).startsWith(`${addon} ${version}`)).toBe(true);
    expect(schemaNote(addon)).toMatch(/\bpartial\b/);
    expect(schemaNote(addon)).toContain(String(s.coverage));
  });

  it("is the schema of its catalog row", () => {
    const row = ADDON_CATALOG.find((r) => r.key === key);
    expect(row?.schema).toMatchObject({ document: addon });
  });

  it("refuses a top-level key the chart does not have and a wrong type, at the path written", () => {
    const at = `${AT}.${key}.configurationValues`;
    expect(validateAddonConfiguration(addon, { nodeSelecter: {} }, at)).toEqual([
      { path: `${at}.nodeSelecter`, message: expect.stringMatching(/^unknown property "nodeSelecter"; allowed: /) },
    ]);
    expect(validateAddonConfiguration(addon, { [list]: { key: "a" } }, at)).toEqual([
      { path: `${at}.${list}`, message: "must be an array, got an object" },
    ]);
  });
});

describe("values checked two levels deep", () => {
  it("types the EFS controller's replica count and leaves deeper keys open", () => {
    const at = `${AT}.extra[0].configurationValues`;
    expect(validateAddonConfiguration("aws-efs-csi-driver", { controller: { replicaCount: "2" } }, at)).toEqual([
      { path: `${at}.controller.replicaCount`, message: 'must be an integer, got "2"' },
    ]);
    expect(validateAddonConfiguration("aws-efs-csi-driver", { controller: { replicaCount: 3, serviceAccount: { whatever: 1 } } }, at)).toEqual([]);
  });

  it("accepts metrics-server's replicas and refuses a string for it", () => {
    const at = `${AT}.metricsServer.configurationValues`;
    expect(validateAddonConfiguration("metrics-server", { replicas: 2, nodeSelector: { a: "b" }, tolerations: [] }, at)).toEqual([]);
    expect(validateAddonConfiguration("metrics-server", { replicas: "2" }, at)[0].path).toBe(`${at}.replicas`);
  });
});

describe("rendered values pass their shipped schemas", () => {
  it.each([
    ["every log stream", { enabled: true }],
    ["no dataplane logs, no Container Insights", { enabled: true, containerInsights: false, logs: { dataplane: false } }],
    ["no logs", { enabled: true, logs: { application: false, dataplane: false, host: false } }],
  ])("CloudWatch observability: %s", (_t, cloudwatchObservability) => {
    expect(validateRenderedValues(resolveAddonsArgs({ ...base, cloudwatchObservability }), AT)).toEqual([]);
  });

  it("kube-proxy in nftables mode is judged with its mode (the schema lists nftables)", () => {
    const a = resolveAddonsArgs({ ...base, kubeProxy: { mode: "nftables" } });
    expect(validateRenderedValues(a, AT)).toEqual([]);
  });
});

describe("kube-proxy nftables by Kubernetes version", () => {
  const KP = "workerpools:kubeProxy.mode";
  it.each([
    ["1.30", [{ path: KP, message: expect.stringContaining("needs Kubernetes 1.31 or newer") }]],
    ["1.31", [{ path: KP, severity: "warning", message: expect.stringContaining("beta in Kubernetes 1.31 (GA in 1.33)") }]],
    ["1.32", [{ path: KP, severity: "warning", message: expect.stringContaining("beta in Kubernetes 1.32") }]],
    ["1.33", []],
  ])("%s", (kubernetesVersion, want) => {
    expect(issues({ kubernetesVersion, kubeProxy: { mode: "nftables" } }).filter((i) => i.path === KP)).toEqual(want);
  });
});

describe("extra add-ons", () => {
  it("checks the values of an entry whose name has a shipped schema, at the path written (besides refusing the name)", () => {
    const got = issues({ extra: [{ name: "aws-efs-csi-driver", configurationValues: { controler: {} } }] });
    expect(got.filter((i) => i.path.startsWith(`${AT}.extra[0]`))).toEqual([
      { path: `${AT}.extra[0].name`, message: expect.stringContaining(`configure it at ${AT}.efsCsi instead`) },
      { path: `${AT}.extra[0].configurationValues.controler`, message: expect.stringMatching(/^unknown property "controler"/) },
    ]);
  });

  it("leaves the values of an add-on without a shipped schema unchecked, and the plan says so", () => {
    const got = issues({ extra: [{ name: "cert-manager", configurationValues: { anything: { at: ["all"] } } }] });
    expect(got.filter((i) => i.path.startsWith(`${AT}.extra`))).toEqual([]);
    expect(schemaNote("cert-manager")).toMatch(/^none\b.*not a catalog add-on.*unchecked/);
  });
});
