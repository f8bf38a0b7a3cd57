/** Every rule of the pack with one passing and one failing input (table-driven), checked through `check` directly. */
import { ALL_RULES } from "../../policies/rules";
import type { RuleResource } from "../../policies/rule";
import { UNKNOWN } from "../../policies/rule-values";
import { al2023UserData, bottlerocketUserData, res, run, sshStack, urnOf } from "./policy-fixtures";
import { ADDON_TYPE, CLUSTER_TYPE, HELM_RELEASE_TYPE, IAM_ROLE_TYPE, INNER_EKS_CLUSTER_TYPE, KMS_KEY_TYPE, LAUNCH_TEMPLATE_TYPE, LOG_GROUP_TYPE, NAMESPACE_TYPE, NAT_GATEWAY_TYPE, NETWORK_POLICY_TYPE, NODE_GROUP_TYPE, RESOURCE_QUOTA_TYPE, ROLE_POLICY_ATTACHMENT_TYPE, ROUTE_TABLE_ASSOCIATION_TYPE, ROUTE_TABLE_TYPE, SUBNET_TYPE } from "../../components/core";

const GOOD_CLUSTER = {
  endpointPrivateAccess: true, endpointPublicAccess: false, encryptionConfigKeyArn: "arn:aws:kms:us-east-1:111122223333:key/k",
  enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"], deletionProtection: true, version: "1.35",
};
const cluster = (over: Record<string, unknown> = {}) => res(CLUSTER_TYPE, { ...GOOD_CLUSTER, ...over }, "cluster");
const GOOD_LT = {
  metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
  blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeType: "gp3" } }],
  userData: al2023UserData({ evictionHard: { "memory.available": "200Mi", "nodefs.available": "10%" } }),
};
const lt = (over: Record<string, unknown> = {}) => res(LAUNCH_TEMPLATE_TYPE, { ...GOOD_LT, ...over }, "lt");
const ltWith = (kubelet: Record<string, unknown>) => lt({ userData: al2023UserData(kubelet) });
const GOOD_NG = {
  clusterName: "c", capacityType: "ON_DEMAND", instanceTypes: ["m6i.large"], nodeRepairConfig: { enabled: true },
  scalingConfig: { minSize: 3, maxSize: 6, desiredSize: 3 }, updateConfig: { maxUnavailablePercentage: 33 }, version: "1.35",
};
const ng = (over: Record<string, unknown> = {}) => res(NODE_GROUP_TYPE, { ...GOOD_NG, ...over }, "ng");
const TENANT_POLICY = res(NETWORK_POLICY_TYPE, { metadata: { name: "tenant-isolation", namespace: "red" } }, "tenants-red-isolation");
const TENANT_NAMESPACE = res(NAMESPACE_TYPE, { metadata: { name: "red", labels: { tenant: "red-team" } } }, "tenants-red");
const addon = (addonName: string, over: Record<string, unknown> = {}) => res(ADDON_TYPE, { addonName, addonVersion: "v1.0.0-eksbuild.1", ...over }, addonName);

const subnet = (name: string, az: string, extra: Record<string, unknown> = {}) => res(SUBNET_TYPE, { availabilityZone: az, ...extra }, name);
/** A node group of pool `pool` in the given subnets (found through property dependencies, as in a preview). */
function poolGroup(name: string, pool: string, subnets: readonly RuleResource[], extraDeps: Record<string, string[]> = {}): RuleResource {
  return res(NODE_GROUP_TYPE, { ...GOOD_NG, subnetIds: subnets.map((s) => `${s.name}-id`), tags: { "workerpools/pool": pool } }, name,
    { subnetIds: subnets.map((s) => s.urn), ...extraDeps });
}
const [SA, SB] = [subnet("a", "us-east-1a"), subnet("b", "us-east-1b")];

/**
 * A VPC's egress as the Network component registers it: per AZ a public subnet, a private subnet, a private route table
 * and its association; NAT gateways in `natAzs`; each AZ's route table sends 0.0.0.0/0 to the NAT gateway `via[az]`.
 */
function egress(azs: readonly string[], natAzs: readonly string[], via: (az: string) => string): RuleResource[] {
  const pub = new Map(azs.map((az) => [az, subnet(`public-${az}`, az)]));
  const nats = new Map(natAzs.map((az) => [az, res(NAT_GATEWAY_TYPE, { subnetId: `public-${az}-id` }, `nat-${az}`, { subnetId: [pub.get(az)?.urn ?? ""] })]));
  return azs.flatMap((az) => {
    const priv = subnet(`private-${az}`, az);
    const nat = nats.get(via(az));
    const rt = res(ROUTE_TABLE_TYPE, { routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: `nat-${via(az)}-id` }] }, `private-${az}`, { routes: nat ? [nat.urn] : [] });
    const assoc = res(ROUTE_TABLE_ASSOCIATION_TYPE, { subnetId: `private-${az}-id` }, `private-${az}`, { subnetId: [priv.urn], routeTableId: [rt.urn] });
    return [pub.get(az) ?? priv, ...(nat && natAzs.includes(az) ? [nat] : []), priv, rt, assoc];
  });
}
const AZS3 = ["us-east-1a", "us-east-1b", "us-east-1c"];

/** A node role with one attachment of `policyArn`, linked through property dependencies. */
function nodeRoleWith(policyArn: string): RuleResource[] {
  const role = res(IAM_ROLE_TYPE, { name: "workers-node" }, "workers-node");
  const group = res(NODE_GROUP_TYPE, { ...GOOD_NG, nodeRoleArn: "arn:aws:iam::111122223333:role/workers-node" }, "workers", { nodeRoleArn: [role.urn] });
  const att = res(ROLE_POLICY_ATTACHMENT_TYPE, { role: "workers-node", policyArn }, "workers-node-attachment", { role: [role.urn] });
  return [role, group, att];
}

/** A node group on m6i.large with its launch template (a property dependency, as in a preview) and the vpc-cni add-on. */
function maxPodsStack(template: RuleResource, prefixDelegation: boolean, suffix = ""): RuleResource[] {
  const t = res(LAUNCH_TEMPLATE_TYPE, template.props, `lt${suffix}`);
  const cni = addon("vpc-cni", { clusterName: `c${suffix}`, configurationValues: JSON.stringify({ env: { ENABLE_PREFIX_DELEGATION: String(prefixDelegation) } }) });
  const group = res(NODE_GROUP_TYPE, { ...GOOD_NG, clusterName: `c${suffix}`, launchTemplate: { id: "lt-id", version: "1" } }, `ng${suffix}`, { launchTemplate: [t.urn] });
  return [t, { ...cni, urn: `${cni.urn}${suffix}` }, group];
}

interface Case {
  readonly pass: readonly RuleResource[];
  readonly fail: readonly RuleResource[];
  /** A violation message must match. */
  readonly message: RegExp;
}

const CASES: Record<string, Case> = {
  "EKS-CP-001": {
    pass: [cluster()], fail: [cluster({ endpointPrivateAccess: false }), cluster({ endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] })],
    message: /endpointPrivateAccess is false|the public endpoint is enabled/,
  },
  "EKS-CP-002": {
    pass: [cluster({ endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] })],
    fail: [
      cluster({ endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] }), res(INNER_EKS_CLUSTER_TYPE, { vpcConfig: { endpointPrivateAccess: true } }),
      cluster({ endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/1", "128.0.0.0/1"] }),
    ],
    message: /open to 0\.0\.0\.0\/0|together cover the whole IPv4 internet/,
  },
  "EKS-CP-003": {
    pass: [cluster(), res(INNER_EKS_CLUSTER_TYPE, { encryptionConfig: { resources: ["secrets"], provider: { keyArn: "arn:aws:kms:us-east-1:1:key/k" } } })],
    fail: [cluster({ encryptionConfigKeyArn: undefined })], message: /no KMS key encrypts Secrets/,
  },
  "EKS-CP-004": { pass: [cluster()], fail: [cluster({ enabledClusterLogTypes: ["api"] })], message: /audit, authenticator are off \(enabled: api\)/ },
  "EKS-CP-008": {
    pass: [cluster()],
    fail: [cluster({ enabledClusterLogTypes: ["api", "audit", "authenticator"] })], message: /controllerManager, scheduler are off/,
  },
  "EKS-CP-005": { pass: [cluster()], fail: [cluster({ deletionProtection: false })], message: /deletionProtection is false/ },
  "EKS-CP-006": { pass: [cluster(), ng()], fail: [cluster({ version: "1.28" }), ng({ version: "1.29" })], message: /Kubernetes 1\.2[89] is not supported by Amazon EKS on 2026-11-22/ },
  "EKS-CP-007": { pass: [cluster(), ng()], fail: [cluster({ version: "1.33" })], message: /1\.33 left EKS standard support on 2026-07-29/ },
  "EKS-KMS-001": {
    pass: [res(KMS_KEY_TYPE, { enableKeyRotation: true })], fail: [res(KMS_KEY_TYPE, { description: "secrets" })], message: /enableKeyRotation is not set/,
  },
  "EKS-LOG-001": {
    pass: [res(LOG_GROUP_TYPE, { name: "/aws/eks/c/cluster", retentionInDays: 90 })],
    fail: [res(LOG_GROUP_TYPE, { name: "/aws/eks/c/cluster" })], message: /\/aws\/eks\/c\/cluster has no retention/,
  },
  "EKS-NODE-001": { pass: [lt()], fail: [lt({ metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 1 } })], message: /httpTokens is "optional"/ },
  "EKS-NODE-002": { pass: [lt()], fail: [lt({ metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 } })], message: /httpPutResponseHopLimit is 2/ },
  "EKS-NODE-003": {
    pass: [lt()], fail: [lt({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "false" } }] }), lt({ blockDeviceMappings: undefined })],
    message: /unencrypted EBS volume "\/dev\/xvda"/,
  },
  "EKS-NODE-004": { pass: [lt()], fail: [lt({ keyName: "ops" })], message: /keyName is "ops"/ },
  "EKS-KUBELET-001": {
    pass: [lt(), lt({ userData: bottlerocketUserData() })], fail: [ltWith({ authentication: { anonymous: { enabled: true }, webhook: { enabled: true } } })],
    message: /anonymous authentication is on \(authentication\.anonymous\.enabled from NodeConfig kubelet\.config on AL2023\)/,
  },
  "EKS-KUBELET-002": {
    pass: [lt(), lt({ userData: bottlerocketUserData() })], fail: [ltWith({ authorization: { mode: "AlwaysAllow" } })], message: /authorization\.mode is "AlwaysAllow"/,
  },
  "EKS-KUBELET-003": { pass: [lt(), lt({ userData: bottlerocketUserData() })], fail: [ltWith({ readOnlyPort: 10255 })], message: /readOnlyPort is 10255/ },
  "EKS-KUBELET-004": { pass: [lt(), lt({ userData: bottlerocketUserData() })], fail: [ltWith({ rotateCertificates: false })], message: /rotateCertificates is false/ },
  "EKS-KUBELET-005": { pass: [lt(), lt({ userData: bottlerocketUserData() })], fail: [ltWith({ protectKernelDefaults: false })], message: /protectKernelDefaults is false/ },
  "EKS-KUBELET-006": {
    pass: [lt(), lt({ userData: bottlerocketUserData({ "eviction-hard": { "memory.available": "200Mi", "nodefs.available": "10%" } }) })],
    fail: [lt({ userData: bottlerocketUserData() })], message: /evictionHard has no memory\.available \/ nodefs\.available threshold .*on BOTTLEROCKET/,
  },
  "EKS-KUBELET-007": { pass: [lt(), lt({ userData: bottlerocketUserData() })], fail: [ltWith({ makeIPTablesUtilChains: false })], message: /makeIPTablesUtilChains is false/ },
  "EKS-KUBELET-008": {
    pass: [...maxPodsStack(ltWith({ maxPods: 29 }), false), ...maxPodsStack(ltWith({ maxPods: 110 }), true, "pd"), ...maxPodsStack(lt({ userData: bottlerocketUserData({ "max-pods": 29 }) }), false, "br")],
    fail: maxPodsStack(ltWith({ maxPods: 110 }), false),
    message: /maxPods 110 \(from NodeConfig kubelet\.config on AL2023\) is more than the 29 pod IPs the VPC CNI can give on m6i\.large \(3 × \(10 − 1\) \+ 2 = 29; vpc-cni vpc-cni: prefix delegation off\)/,
  },
  "EKS-KUBELET-009": {
    pass: [lt(), ltWith({ eventRecordQPS: 0 }), lt({ userData: bottlerocketUserData({ "event-qps": 50 }) })], fail: [ltWith({ eventRecordQPS: -1 })], message: /eventRecordQPS is -1/,
  },
  "EKS-NG-001": {
    pass: [ng(), ...sshStack({ ipProtocol: "tcp", fromPort: 443, toPort: 443, referencedSecurityGroupId: "sg-0b" })],
    fail: [ng({ remoteAccess: { ec2SshKey: "ops" } }), ...sshStack({ ipProtocol: "tcp", fromPort: 22, toPort: 22, referencedSecurityGroupId: "sg-0b" })],
    message: /remoteAccess is set \(ec2SshKey ops\)[\s\S]*port 22 is open to the nodes: ingress rule ssh-rule admits tcp\/22 from sg-0b into security group nodes of launch template ssh-lt/,
  },
  "EKS-NG-002": {
    pass: [ng(), ng({ updateConfig: { maxUnavailable: 1 } })],
    fail: [ng({ updateConfig: { maxUnavailablePercentage: 100 } }), ng({ updateConfig: { maxUnavailable: 6 } }), ng({ updateConfig: undefined })],
    message: /maxUnavailablePercentage is 100/,
  },
  "EKS-NG-003": { pass: [ng()], fail: [ng({ nodeRepairConfig: { enabled: false } })], message: /nodeRepairConfig\.enabled is false/ },
  "EKS-NG-008": {
    pass: [ng(), ng({ nodeRepairConfig: { enabled: true, maxParallelNodesRepairedCount: 1, maxUnhealthyNodeThresholdPercentage: 20 } })],
    fail: [
      ng({ nodeRepairConfig: { enabled: true, maxParallelNodesRepairedPercentage: 100 } }),
      ng({ nodeRepairConfig: { enabled: true, maxUnhealthyNodeThresholdCount: 6 } }),
    ],
    message: /maxParallelNodesRepairedPercentage is 100: every unhealthy node may be repaired at once/,
  },
  "EKS-NG-004": {
    pass: [ng({ capacityType: "SPOT", instanceTypes: ["c6i.large", "c6a.large", "c5.large"] })],
    fail: [ng({ capacityType: "SPOT", instanceTypes: ["c6i.large"] })], message: /a Spot node group with 1 instance type/,
  },
  "EKS-NG-007": { pass: [ng()], fail: [ng({ amiType: "CUSTOM" })], message: /amiType is CUSTOM: the node group boots its launch template's own image/ },
  "EKS-NG-009": {
    pass: [
      ng(), ng({ amiType: "AL2023_x86_64_NVIDIA", instanceTypes: ["g5.xlarge"], taints: [{ key: "nvidia.com/gpu", value: "true", effect: "NO_SCHEDULE" }] }),
      ng({ amiType: "BOTTLEROCKET_x86_64", instanceTypes: ["inf2.xlarge"], taints: [{ key: "aws.amazon.com/neuron", value: "true", effect: "NO_EXECUTE" }] }),
    ],
    fail: [
      ng({ amiType: "AL2023_x86_64_NVIDIA", instanceTypes: ["g5.xlarge"] }),
      ng({ amiType: "AL2023_x86_64_NEURON", instanceTypes: ["inf2.xlarge"], taints: [{ key: "aws.amazon.com/neuron", value: "true", effect: "PREFER_NO_SCHEDULE" }] }),
      ng({ amiType: "BOTTLEROCKET_x86_64", instanceTypes: ["trn1.2xlarge"], taints: [{ key: "dedicated", value: "ml", effect: "NO_SCHEDULE" }] }),
    ],
    message: /node group with NVIDIA GPUs \(amiType "AL2023_x86_64_NVIDIA"\) has no NoSchedule or NoExecute taint keyed nvidia\.com\/gpu[\s\S]*AWS Neuron devices \(amiType "BOTTLEROCKET_x86_64"\) has no NoSchedule or NoExecute taint keyed aws\.amazon\.com\/neuron or aws\.amazon\.com\/neuroncore: .*its "dedicated":"NO_SCHEDULE" keeps other pods off too/,
  },
  "EKS-NG-005": {
    pass: [SA, SB, poolGroup("p-a", "p", [SA]), poolGroup("p-b", "p", [SB])],
    fail: [SA, SB, poolGroup("q-a", "q", [SA]), poolGroup("q-a2", "q", [SA])], message: /pool "q" \(node groups q-a, q-a2\) spans 1 AZ \(us-east-1a\)/,
  },
  "EKS-NG-006": {
    pass: [SA, SB, poolGroup("p", "p", [SA, SB])],
    fail: [SA, subnet("pub", "us-east-1b", { mapPublicIpOnLaunch: true }), poolGroup("p", "p", [SA, subnet("pub", "us-east-1b")])],
    message: /nodes of p get public IPs: subnet pub maps public IPs on launch/,
  },
  "EKS-NET-001": {
    pass: egress(AZS3, AZS3, (az) => az),
    fail: egress(AZS3, ["us-east-1a"], () => "us-east-1a"),
    message: /NAT gateway nat-us-east-1a in us-east-1a carries the internet egress of 3 AZs \(us-east-1a, us-east-1b, us-east-1c; subnets private-us-east-1b, private-us-east-1c are in other AZs\): losing us-east-1a cuts the egress of every one of them/,
  },
  "EKS-NG-010": {
    pass: [ng(), res(HELM_RELEASE_TYPE, { chart: "cluster-autoscaler", version: "9.59.0" }, "cluster-autoscaler")],
    fail: [ng()],
    message: /node group ng may hold 3 to 6 nodes, but no autoscaler is installed: it stays at its desired size \(3\)/,
  },
  "EKS-IAM-001": {
    pass: nodeRoleWith("arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"), fail: nodeRoleWith("arn:aws:iam::aws:policy/AdministratorAccess"),
    message: /node role workers-node has arn:aws:iam::aws:policy\/AdministratorAccess/,
  },
  "EKS-ADDON-001": { pass: [addon("kube-proxy")], fail: [addon("kube-proxy", { addonVersion: undefined })], message: /add-on "kube-proxy" has no addonVersion/ },
  "EKS-ADDON-002": {
    pass: [addon("vpc-cni", { configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }) })],
    fail: [addon("vpc-cni", { configurationValues: JSON.stringify({ enableNetworkPolicy: "false" }) })], message: /enableNetworkPolicy is "false"/,
  },
  "EKS-OBS-001": {
    pass: [ng(), addon("metrics-server")],
    fail: [ng(), addon("coredns")],
    message: /node group ng scales 3\.\.6, but the stack installs no metrics-server/,
  },
  "EKS-OBS-002": {
    pass: [cluster(), ng(), addon("amazon-cloudwatch-observability", { configurationValues: JSON.stringify({ containerLogs: { enabled: true } }) })],
    fail: [cluster({ enabledClusterLogTypes: [] }), ng(), addon("amazon-cloudwatch-observability", { configurationValues: JSON.stringify({ containerLogs: { enabled: true, fluentBit: { config: { extraFiles: { "dataplane-log.conf": "" } } } } }) })],
    message: /no control-plane log type is enabled.*\n?.*no dataplane logs are shipped|no dataplane logs are shipped/,
  },
  "EKS-ADDON-003": {
    pass: [addon("coredns", { configurationValues: JSON.stringify({ replicaCount: 2 }) })],
    fail: [addon("coredns", { configurationValues: JSON.stringify({ replicaCount: 1 }) })], message: /CoreDNS replicaCount is 1/,
  },
  "EKS-TENANT-001": {
    pass: [addon("vpc-cni", { configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }) }), TENANT_POLICY],
    fail: [addon("vpc-cni", { configurationValues: JSON.stringify({ enableNetworkPolicy: "false" }) }), TENANT_POLICY],
    message: /NetworkPolicy tenants-red-isolation is accepted by the API server, but nothing enforces it: enableNetworkPolicy is "false"/,
  },
  "EKS-TENANT-002": {
    pass: [TENANT_NAMESPACE, res(RESOURCE_QUOTA_TYPE, { metadata: { name: "tenant-quota", namespace: "red" } }, "tenants-red-quota")],
    fail: [TENANT_NAMESPACE], message: /tenant "red-team" namespace "red" has no ResourceQuota/,
  },
};

describe("policy pack rules", () => {
  it("has at least 20 rules with unique ids and names, each with a case here", () => {
    expect(ALL_RULES.length).toBeGreaterThanOrEqual(20);
    expect(new Set(ALL_RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
    expect(new Set(ALL_RULES.map((r) => r.name)).size).toBe(ALL_RULES.length);
    expect(Object.keys(CASES).sort()).toEqual(ALL_RULES.map((r) => r.id).sort());
  });

  it.each(ALL_RULES.map((r) => [r.id, r] as const))("%s has kebab name, description, remediation and a sourced mapping", (_id, rule) => {
    expect(rule.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(rule.description.length).toBeGreaterThan(20);
    expect(rule.remediation.length).toBeGreaterThan(10);
    expect(rule.mapping.title.length).toBeGreaterThan(5);
    expect(rule.mapping.source).toMatch(/@[0-9a-f]{40}$/);
    if (rule.mapping.framework === "CIS Amazon EKS Benchmark") expect(rule.mapping.control).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it.each(Object.entries(CASES))("%s passes its passing input", (id, c) => {
    const rule = ALL_RULES.find((r) => r.id === id);
    if (!rule) throw new Error(`no rule ${id}`);
    const r = run(rule, c.pass);
    expect(r.violations).toEqual([]);
    expect(r.decided).toBeGreaterThan(0);
    expect(r.undecided).toBe(0);
  });

  it.each(Object.entries(CASES))("%s fails its failing input", (id, c) => {
    const rule = ALL_RULES.find((r) => r.id === id);
    if (!rule) throw new Error(`no rule ${id}`);
    const r = run(rule, c.fail);
    expect(r.violations.length).toBeGreaterThan(0);
    expect(r.violations.join("\n")).toMatch(c.message);
    // every failing input is a violation (stack rules: at least one finding)
    const subjects = rule.kind === "resource" ? c.fail.filter((x) => rule.resourceTypes.includes(x.type)).length : 1;
    expect(r.violations.length).toBeGreaterThanOrEqual(subjects);
  });
});

describe("rule details", () => {
  const rule = (id: string) => {
    const r = ALL_RULES.find((x) => x.id === id);
    if (!r) throw new Error(id);
    return r;
  };

  it("EKS-NG-009 does not apply to CPU node groups and waits for unknown taints", () => {
    expect(run(rule("EKS-NG-009"), [ng({ amiType: "AL2023_x86_64_STANDARD" }), ng({ amiType: "BOTTLEROCKET_x86_64" })]).notApplicable).toBe(2);
    expect(run(rule("EKS-NG-009"), [ng({ amiType: "AL2023_ARM_64_NVIDIA", taints: UNKNOWN })]).undecided).toBe(1);
  });

  it("EKS-NG-004 does not apply to on-demand node groups", () => {
    expect(run(rule("EKS-NG-004"), [ng({ instanceTypes: ["m6i.large"] })])).toEqual({ violations: [], decided: 0, undecided: 0, notApplicable: 1 });
  });

  it("EKS-KMS-001 does not apply to asymmetric keys", () => {
    expect(run(rule("EKS-KMS-001"), [res(KMS_KEY_TYPE, { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" })]).notApplicable).toBe(1);
  });

  it("EKS-LOG-001 only judges the control-plane log group", () => {
    expect(run(rule("EKS-LOG-001"), [res(LOG_GROUP_TYPE, { name: "/app/logs" })]).notApplicable).toBe(1);
  });

  it("EKS-NG-002 flags maxUnavailable >= maxSize and a missing updateConfig", () => {
    const v = run(rule("EKS-NG-002"), [ng({ updateConfig: { maxUnavailable: 6 } }), ng({ updateConfig: undefined })]).violations;
    expect(v).toEqual([expect.stringMatching(/maxUnavailable is 6, at least the group's maxSize \(6\)/), expect.stringMatching(/updateConfig is not set/)]);
  });

  it("EKS-ADDON-002 refuses the boolean true: the vpc-cni schema types enableNetworkPolicy as a string", () => {
    const v = run(rule("EKS-ADDON-002"), [addon("vpc-cni", { configurationValues: JSON.stringify({ enableNetworkPolicy: true }) })]).violations;
    expect(v).toEqual([expect.stringMatching(/boolean true; the vpc-cni schema types it as the string "true"/)]);
  });

  it("EKS-OBS-001 does not judge fixed-size node groups, and takes a metrics-server Helm release", () => {
    expect(run(rule("EKS-OBS-001"), [ng({ scalingConfig: { minSize: 3, maxSize: 3, desiredSize: 3 } })])).toEqual({ violations: [], decided: 0, undecided: 0, notApplicable: 0 });
    expect(run(rule("EKS-OBS-001"), [ng(), res(HELM_RELEASE_TYPE, { chart: "metrics-server" }, "ms")]).violations).toEqual([]);
  });

  it("EKS-OBS-002 names each missing log destination, and takes a Fluent Bit chart for the dataplane", () => {
    expect(run(rule("EKS-OBS-002"), [cluster()]).decided).toBe(0);
    expect(run(rule("EKS-OBS-002"), [cluster(), ng()]).violations).toEqual([expect.stringMatching(/no dataplane logs are shipped: the kubelet, kube-proxy/)]);
    expect(run(rule("EKS-OBS-002"), [cluster({ enabledClusterLogTypes: [] }), ng(), res(HELM_RELEASE_TYPE, { chart: "aws-for-fluent-bit" }, "fb")]).violations)
      .toEqual([expect.stringMatching(/no control-plane log type is enabled/)]);
    expect(run(rule("EKS-OBS-002"), [cluster(), ng(), addon("amazon-cloudwatch-observability", { configurationValues: '{"containerLogs":{"enabled":false}}' })]).violations).toHaveLength(1);
  });

  it("EKS-ADDON-003 accepts CoreDNS autoscaling with the schema's default minReplicas", () => {
    expect(run(rule("EKS-ADDON-003"), [addon("coredns", { configurationValues: '{"autoScaling":{"enabled":true}}' })]).violations).toEqual([]);
    expect(run(rule("EKS-ADDON-003"), [addon("vpc-cni")]).notApplicable).toBe(1);
  });

  it("EKS-KUBELET-003 reads kubelet flags, which override the NodeConfig config", () => {
    const flagged = lt({ userData: al2023UserData({}, ["--read-only-port=10255"]) });
    expect(run(rule("EKS-KUBELET-003"), [flagged]).violations).toEqual([expect.stringMatching(/readOnlyPort is 10255: .*from NodeConfig kubelet\.flags/)]);
  });

  it("Bottlerocket standalone mode turns anonymous auth on and authorization to AlwaysAllow", () => {
    const standalone = lt({ userData: bottlerocketUserData({ "standalone-mode": true }) });
    expect(run(rule("EKS-KUBELET-001"), [standalone]).violations).toEqual([expect.stringMatching(/from Bottlerocket standalone mode/)]);
    expect(run(rule("EKS-KUBELET-002"), [standalone]).violations).toEqual([expect.stringMatching(/"AlwaysAllow"/)]);
  });

  it("AL2023 user data without kubelet settings passes on nodeadm's defaults", () => {
    const bare = lt({ userData: Buffer.from("apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec: {}\n").toString("base64") });
    for (const id of ["EKS-KUBELET-001", "EKS-KUBELET-002", "EKS-KUBELET-003", "EKS-KUBELET-005", "EKS-KUBELET-006"]) {
      expect(run(rule(id), [bare])).toEqual({ violations: [], decided: 1, undecided: 0, notApplicable: 0 });
    }
  });

  it("a launch template without user data is not judged by kubelet rules; unreadable user data is undecided", () => {
    expect(run(rule("EKS-KUBELET-001"), [lt({ userData: undefined })]).notApplicable).toBe(1);
    expect(run(rule("EKS-KUBELET-001"), [lt({ userData: Buffer.from("#!/bin/bash\necho hi\n").toString("base64") })]).undecided).toBe(1);
  });

  it("EKS-IAM-001 ignores admin policies on roles that are not node roles", () => {
    const other = res(ROLE_POLICY_ATTACHMENT_TYPE, { role: "ci-deployer", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }, "ci");
    expect(run(rule("EKS-IAM-001"), [...nodeRoleWith("arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"), other]).violations).toEqual([]);
  });

  it.each(["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"])("EKS-IAM-001 fails %s among a node role's additional policies, in every partition", (name) => {
    for (const partition of ["aws", "aws-cn", "aws-us-gov"]) {
      expect(run(rule("EKS-IAM-001"), nodeRoleWith(`arn:${partition}:iam::aws:policy/${name}`)).violations).toEqual([`node role workers-node has arn:${partition}:iam::aws:policy/${name}`]);
    }
    expect(run(rule("EKS-IAM-001"), nodeRoleWith(`arn:aws:iam::111122223333:policy/${name}`)).violations).toEqual([]);
  });

  it("EKS-IAM-001 finds node roles by the role name in a literal nodeRoleArn", () => {
    const group = res(NODE_GROUP_TYPE, { ...GOOD_NG, nodeRoleArn: "arn:aws:iam::111122223333:role/path/legacy-nodes" }, "legacy");
    const att = res(ROLE_POLICY_ATTACHMENT_TYPE, { role: "legacy-nodes", policyArn: "arn:aws:iam::aws:policy/PowerUserAccess" }, "legacy-att");
    expect(run(rule("EKS-IAM-001"), [group, att]).violations).toEqual([expect.stringMatching(/legacy-nodes has arn:aws:iam::aws:policy\/PowerUserAccess/)]);
  });

  it("EKS-NG-005 treats a node group without a pool tag on its own, and leaves unresolvable subnets undecided", () => {
    const lone = res(NODE_GROUP_TYPE, { ...GOOD_NG, subnetIds: ["a-id"] }, "lone", { subnetIds: [SA.urn] });
    expect(run(rule("EKS-NG-005"), [SA, lone]).violations).toEqual([expect.stringMatching(/node group lone spans 1 AZ/)]);
    const byo = res(NODE_GROUP_TYPE, { ...GOOD_NG, subnetIds: ["subnet-0abc"], tags: { "workerpools/pool": "x" } }, "byo");
    expect(run(rule("EKS-NG-005"), [byo]).undecided).toBe(1);
  });

  it("EKS-NG-006 flags a launch template that associates public IPs", () => {
    const template = res(LAUNCH_TEMPLATE_TYPE, { networkInterfaces: [{ associatePublicIpAddress: "true" }] }, "pub-lt");
    const group = poolGroup("p", "p", [SA], { launchTemplate: [urnOf(LAUNCH_TEMPLATE_TYPE, "pub-lt")] });
    expect(run(rule("EKS-NG-006"), [SA, template, group]).violations).toEqual([expect.stringMatching(/launch template pub-lt associates a public IP/)]);
  });
});
