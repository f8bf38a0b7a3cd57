import { ADDON_NAMES, addonSchema, isAddonName, validateAddonConfiguration } from "../../components/addons";

const AT = "workerpools:addons.vpcCni.configurationValues";

describe("shipped add-on schemas", () => {
  it.each(ADDON_NAMES)("%s carries its source and a JSON schema", (name) => {
    const s = addonSchema(name);
    expect(s.addon).toBe(name);
    expect(s.source.kind.length).toBeGreaterThan(0);
    expect(s.source.repo ?? s.source.url).toBeTruthy();
    expect(typeof s.schema.$schema).toBe("string");
  });

  it("names the dump versions and flags partial schemas", () => {
    expect(addonSchema("vpc-cni").addonVersion).toBe("v1.18.5-eksbuild.1 + chart 1.23.0 keys");
    expect(addonSchema("kube-proxy").addonVersion).toBe("v1.31 line and later");
    expect(addonSchema("coredns").addonVersion).toBe("v1.10.1-eksbuild.11");
    expect(ADDON_NAMES.filter((n) => addonSchema(n).partial)).toEqual([
      "vpc-cni", "kube-proxy", "aws-ebs-csi-driver", "eks-pod-identity-agent", "metrics-server", "aws-efs-csi-driver", "amazon-cloudwatch-observability",
    ]);
  });

  it("recognises add-on names", () => {
    expect(isAddonName("coredns")).toBe(true);
    expect(isAddonName("core-dns")).toBe(false);
    expect(isAddonName(3)).toBe(false);
  });
});

describe("vpc-cni (string-typed booleans and numbers)", () => {
  it("accepts realistic values", () => {
    const values = {
      env: { ENABLE_PREFIX_DELEGATION: "true", WARM_PREFIX_TARGET: "1", WARM_IP_TARGET: "5", MINIMUM_IP_TARGET: "10" },
      enableNetworkPolicy: "true",
      nodeAgent: { enablePolicyEventLogs: "false" },
      resources: { requests: { cpu: "25m" } },
    };
    expect(validateAddonConfiguration("vpc-cni", values, AT)).toEqual([]);
  });

  it("rejects a boolean where the schema wants a string and says how to write it", () => {
    const issues = validateAddonConfiguration("vpc-cni", { env: { ENABLE_PREFIX_DELEGATION: true } }, AT);
    expect(issues).toEqual([
      { path: `${AT}.env.ENABLE_PREFIX_DELEGATION`, message: 'must be a string, got boolean true (this add-on takes the value as a string: write "true")' },
    ]);
  });

  it("rejects a number for WARM_IP_TARGET and a non-integer string", () => {
    const issues = validateAddonConfiguration("vpc-cni", { env: { WARM_IP_TARGET: 5, WARM_ENI_TARGET: "two" } }, AT);
    expect(issues.map((i) => i.path).sort()).toEqual([`${AT}.env.WARM_ENI_TARGET`, `${AT}.env.WARM_IP_TARGET`]);
    expect(issues.find((i) => i.path.endsWith("WARM_ENI_TARGET"))?.message).toBe('must be a string holding an integer (e.g. "5"), got "two"');
  });

  it("rejects enableNetworkPolicy as a boolean and as a non-boolean string", () => {
    expect(validateAddonConfiguration("vpc-cni", { enableNetworkPolicy: true }, AT)[0].path).toBe(`${AT}.enableNetworkPolicy`);
    expect(validateAddonConfiguration("vpc-cni", { enableNetworkPolicy: "yes" }, AT)).toEqual([
      { path: `${AT}.enableNetworkPolicy`, message: 'must be a string holding a boolean ("true" or "false"), got "yes"' },
    ]);
  });

  it("names an unknown env var and lists the allowed ones", () => {
    const [issue] = validateAddonConfiguration("vpc-cni", { env: { ENABLE_PREFIX_DELEGATON: "true" } }, AT);
    expect(issue.path).toBe(`${AT}.env.ENABLE_PREFIX_DELEGATON`);
    expect(issue.message).toMatch(/^unknown property "ENABLE_PREFIX_DELEGATON"; allowed: .*ENABLE_PREFIX_DELEGATION/);
  });

  it("reports every problem at once", () => {
    const issues = validateAddonConfiguration("vpc-cni", { env: { MAX_ENI: 1, DISABLE_METRICS: false }, bogus: 1 }, AT);
    expect(issues).toHaveLength(3);
  });

  it("rejects a non-object top level", () => {
    expect(validateAddonConfiguration("vpc-cni", "env=1", AT)).toEqual([{ path: AT, message: 'must be an object, got "env=1"' }]);
  });
});

describe("kube-proxy", () => {
  const at = "workerpools:kubeProxy";
  it("accepts ipvs with a scheduler", () => {
    expect(validateAddonConfiguration("kube-proxy", { mode: "ipvs", ipvs: { scheduler: "rr" } }, at)).toEqual([]);
  });

  it("accepts nftables (the v1.31 line on lists it) and rejects a mode outside the enum, listing the allowed values", () => {
    expect(validateAddonConfiguration("kube-proxy", { mode: "nftables" }, at)).toEqual([]);
    expect(validateAddonConfiguration("kube-proxy", { mode: "ebpf" }, at)).toEqual([
      { path: `${at}.mode`, message: 'must be one of "iptables", "ipvs", "nftables", got "ebpf"' },
    ]);
  });

  it("has no enum for ipvs.scheduler in this dump, but rejects unknown ipvs keys", () => {
    expect(validateAddonConfiguration("kube-proxy", { ipvs: { scheduler: "not-a-scheduler" } }, at)).toEqual([]);
    expect(validateAddonConfiguration("kube-proxy", { ipvs: { tcpTimeout: "1h" } }, at)).toEqual([
      { path: `${at}.ipvs.tcpTimeout`, message: 'unknown property "tcpTimeout"; allowed: scheduler' },
    ]);
  });
});

describe("coredns", () => {
  const at = "workerpools:addons.coredns.configurationValues";
  const spread = [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway" }];

  it("accepts replicas, spread, node selector, tolerations and autoscaling", () => {
    const values = {
      replicaCount: 2,
      topologySpreadConstraints: spread,
      nodeSelector: { "workerpools.io/pool": "system" },
      tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists", effect: "NoSchedule" }],
      autoScaling: { enabled: true, minReplicas: 2, maxReplicas: 10 },
      podDisruptionBudget: { enabled: true, maxUnavailable: "50%" },
    };
    expect(validateAddonConfiguration("coredns", values, at)).toEqual([]);
  });

  it("rejects replicaCount as a string", () => {
    expect(validateAddonConfiguration("coredns", { replicaCount: "2" }, at)).toEqual([
      { path: `${at}.replicaCount`, message: 'must be an integer, got "2"' },
    ]);
  });

  it("enforces autoscaling bounds and its required enabled flag", () => {
    const issues = validateAddonConfiguration("coredns", { autoScaling: { minReplicas: 1 } }, at);
    expect(issues).toContainEqual({ path: `${at}.autoScaling.minReplicas`, message: "must be >= 2, got number 1" });
    expect(issues).toContainEqual({ path: `${at}.autoScaling.enabled`, message: "is required here, got nothing" });
  });

  it("quotes odd node-selector keys in the path", () => {
    expect(validateAddonConfiguration("coredns", { nodeSelector: { "kubernetes.io/os": 1 } }, at)[0].path).toBe(`${at}.nodeSelector["kubernetes.io/os"]`);
  });

  it("reports an anyOf once, naming both alternatives", () => {
    expect(validateAddonConfiguration("coredns", { podDisruptionBudget: { maxUnavailable: "1" } }, at)).toEqual([
      { path: `${at}.podDisruptionBudget.maxUnavailable`, message: 'must be one of: a string matching /.*%$/; an integer, got "1"' },
    ]);
  });

  it("indexes array items in the path", () => {
    expect(validateAddonConfiguration("coredns", { tolerations: [{ key: "a" }, "b"] }, at)).toEqual([
      { path: `${at}.tolerations[1]`, message: 'must be an object, got "b"' },
    ]);
  });
});

describe("partial and other schemas", () => {
  it("ebs-csi: checks what is known and does not refuse unknown keys", () => {
    const at = "workerpools:addons.ebsCsi.configurationValues";
    expect(validateAddonConfiguration("aws-ebs-csi-driver", { controller: { replicaCount: 2, extraVolumeTags: { team: "platform" } } }, at)).toEqual([]);
    expect(validateAddonConfiguration("aws-ebs-csi-driver", { node: { tolerateAllTaints: "true" }, controller: { extraVolumeTags: { "bad!": "x" } } }, at)).toEqual([
      { path: `${at}.controller.extraVolumeTags["bad!"]`, message: 'must match /^[a-zA-Z0-9 _\\.:\\/=+\\-@]*$/, got "bad!"' },
      { path: `${at}.node.tolerateAllTaints`, message: 'must be a boolean, got "true"' },
    ]);
  });

  it("pod identity agent: known definitions stay strict", () => {
    const at = "p";
    expect(validateAddonConfiguration("eks-pod-identity-agent", { tolerations: [{ operator: "Exists" }] }, at)).toEqual([]);
    expect(validateAddonConfiguration("eks-pod-identity-agent", { agent: { extra: 1 } }, at)).toEqual([
      { path: "p.agent.extra", message: 'unknown property "extra"; allowed: additionalArgs' },
    ]);
  });

  it("node monitoring agent: draft-07 schema with enums", () => {
    expect(validateAddonConfiguration("eks-node-monitoring-agent", { nodeAgent: { monitors: { networking: { enabled: false } } } }, "n")).toEqual([]);
    expect(validateAddonConfiguration("eks-node-monitoring-agent", { nodeAgent: { dnsPolicy: "None" } }, "n")[0]).toEqual({
      path: "n.nodeAgent.dnsPolicy",
      message: 'must be one of "", "ClusterFirst", "ClusterFirstWithHostNet", "Default", got "None"',
    });
  });
});
