/**
 * The hand list of bad inputs no schema can see: what AWS, EC2, EKS or the software on the node refuse, or what
 * contradicts itself (SPEC §6, issue 13), each an edit of the dev stack with the config path the error must name (the
 * key the user wrote, SPEC §6). A case whose check does not exist yet still counts: the suite measures what is left.
 * State-dependent refusals (a pool version downgrade, an AZ added to a running cluster) need the deployed state and are
 * not here. Paths are written without the `workerpools:` namespace in `edits`, with it in `expect`.
 */
import { BadInputCase, Edit, StackValues, edited } from "./bad-input-values";

/** One hand-written case. */
export interface SemanticCase {
  readonly id: string;
  /** What is wrong and who refuses it. */
  readonly why: string;
  readonly edits: readonly Edit[];
  /** The full config path, e.g. `workerpools:pools[1].scaling.min` or `aws:region`. */
  readonly expect: string;
  /** @default "exact" */
  readonly within?: boolean;
  /** `aws:region` for the load. @default "us-east-1" */
  readonly region?: string;
}

const net = "cluster.network";
const subnets = (extra: readonly { id: string; az: string }[]): Edit => [net, {
  vpcId: "vpc-0abc",
  privateSubnets: [{ id: "subnet-0a", az: "us-east-1a" }, { id: "subnet-0b", az: "us-east-1b" }, { id: "subnet-0c", az: "us-east-1c" }, ...extra],
}];
const taints = (n: number): Edit => ["pools[2].taints", Array.from({ length: n }, (_, i) => ({ key: `team-${i}`, value: "x", effect: "NoSchedule" }))];
const manyLabels = (n: number): Edit => ["pools[0].labels", Object.fromEntries(Array.from({ length: n }, (_, i) => [`Bad Key ${i}`, "x"]))];

const CLUSTER: readonly SemanticCase[] = [
  { id: "cluster AZ outside aws:region", why: "us-west-2b in a us-east-1 stack: EC2 has no such AZ there", edits: [[`${net}.availabilityZones[1]`, "us-west-2b"]], expect: "workerpools:cluster.network.availabilityZones[1]" },
  { id: "cluster AZ bare letter", why: '"a" is not an AZ name', edits: [[`${net}.availabilityZones[0]`, "a"]], expect: "workerpools:cluster.network.availabilityZones[0]" },
  { id: "cluster AZ twice", why: "us-east-1a twice: two subnets, one AZ (was an exit-1 crash)", edits: [[`${net}.availabilityZones`, ["us-east-1a", "us-east-1a", "us-east-1c"]]], expect: "workerpools:cluster.network.availabilityZones[1]" },
  { id: "cluster one AZ", why: "EKS needs subnets in at least 2 AZs", edits: [[`${net}.availabilityZones`, ["us-east-1a"]], ["pools[2].availabilityZones", ["us-east-1a"]]], expect: "workerpools:cluster.network.availabilityZones" },
  { id: "aws:region invalid", why: "us-east-9 is not an AWS region", edits: [], region: "us-east-9", expect: "aws:region" },
  { id: "vpcCidr leading zeros", why: "010.040.000.000/16 is not canonical: EC2 reads it differently or refuses it", edits: [[`${net}.vpcCidr`, "010.040.000.000/16"]], expect: "workerpools:cluster.network.vpcCidr" },
  { id: "vpcCidr with spaces", why: '" 10.40.0.0/16 ": validated trimmed, sent untrimmed', edits: [[`${net}.vpcCidr`, " 10.40.0.0/16 "]], expect: "workerpools:cluster.network.vpcCidr" },
  { id: "vpcCidr without prefix", why: "10.40.0.0 is an address, not a CIDR", edits: [[`${net}.vpcCidr`, "10.40.0.0"]], expect: "workerpools:cluster.network.vpcCidr" },
  { id: "vpcCidr larger than /16", why: "EC2 VPCs are /16 to /28", edits: [[`${net}.vpcCidr`, "10.0.0.0/8"]], expect: "workerpools:cluster.network.vpcCidr" },
  { id: "vpcCidr and privateSubnets", why: "create a VPC or bring one, not both", edits: [[`${net}.vpcId`, "vpc-0abc"], [`${net}.privateSubnets`, [{ id: "subnet-0a", az: "us-east-1a" }, { id: "subnet-0b", az: "us-east-1b" }]]], expect: "workerpools:cluster.network" },
  { id: "privateSubnets without vpcId", why: "brought subnets need their VPC", edits: [[net, { privateSubnets: [{ id: "subnet-0a", az: "us-east-1a" }, { id: "subnet-0b", az: "us-east-1b" }, { id: "subnet-0c", az: "us-east-1c" }] }]], expect: "workerpools:cluster.network.vpcId" },
  { id: "subnet in two AZs", why: "one subnet lives in exactly one AZ", edits: [subnets([{ id: "subnet-0a", az: "us-east-1b" }])], expect: "workerpools:cluster.network.privateSubnets[3].az" },
  { id: "subnet listed twice", why: "the same subnet twice", edits: [subnets([{ id: "subnet-0a", az: "us-east-1a" }])], expect: "workerpools:cluster.network.privateSubnets[3].id" },
  { id: "subnet AZ outside aws:region", why: "us-west-2a in a us-east-1 stack", edits: [subnets([{ id: "subnet-0d", az: "us-west-2a" }])], expect: "workerpools:cluster.network.privateSubnets[3].az" },
  { id: "service CIDR overlaps VPC", why: "EKS needs the service CIDR outside the VPC", edits: [["cluster.serviceIpv4Cidr", "10.40.0.0/16"]], expect: "workerpools:cluster.serviceIpv4Cidr" },
  { id: "service CIDR public", why: "EKS takes service CIDRs inside RFC 1918 only", edits: [["cluster.serviceIpv4Cidr", "8.8.0.0/16"]], expect: "workerpools:cluster.serviceIpv4Cidr" },
  { id: "service CIDR /8", why: "EKS takes /12 to /24", edits: [["cluster.serviceIpv4Cidr", "10.0.0.0/8"]], expect: "workerpools:cluster.serviceIpv4Cidr" },
  { id: "public access CIDR /33", why: "not a CIDR", edits: [["cluster.endpoint.publicAccessCidrs", ["203.0.113.0/33"]]], expect: "workerpools:cluster.endpoint.publicAccessCidrs[0]" },
  { id: "endpoint private and public off", why: "EKS refuses an API server no one can reach", edits: [["cluster.endpoint", { privateAccess: false, publicAccessCidrs: [] }]], expect: "workerpools:cluster.endpoint.privateAccess" },
  { id: "admin ARN with a space", why: "IAM names have no spaces; the access entry is refused", edits: [["cluster.admins", ["arn:aws:iam::111122223333:role/platform admin"]]], expect: "workerpools:cluster.admins[0]" },
  { id: "admin STS session ARN", why: "access entries take role or user ARNs, not sessions", edits: [["cluster.admins", ["arn:aws:sts::111122223333:assumed-role/platform-admin/me"]]], expect: "workerpools:cluster.admins[0]" },
  { id: "cluster name with a space", why: "EKS names are [A-Za-z0-9-_]", edits: [["cluster.name", "platform dev"]], expect: "workerpools:cluster.name" },
  { id: "cluster name over 100", why: "EKS names are at most 100 characters", edits: [["cluster.name", "p".repeat(101)]], expect: "workerpools:cluster.name" },
  { id: "cluster version unknown", why: "EKS has no Kubernetes 1.99", edits: [["cluster.kubernetesVersion", "1.99"]], expect: "workerpools:cluster.kubernetesVersion" },
  { id: "cluster version past support", why: "EKS no longer creates 1.20 clusters", edits: [["cluster.kubernetesVersion", "1.20"]], expect: "workerpools:cluster.kubernetesVersion" },
  { id: "log retention not CloudWatch's", why: "8 days is not a CloudWatch retention", edits: [["cluster.logging.retentionDays", 8]], expect: "workerpools:cluster.logging.retentionDays" },
];

const POOLS: readonly SemanticCase[] = [
  { id: "min > max", why: "EKS refuses minSize above maxSize", edits: [["pools[1].scaling", { min: 5, max: 4, desired: 4 }]], expect: "workerpools:pools[1].scaling.min" },
  { id: "desired above max", why: "EKS refuses desiredSize outside [min, max]", edits: [["pools[0].scaling", { min: 3, max: 6, desired: 7 }]], expect: "workerpools:pools[0].scaling.desired" },
  { id: "desired below min", why: "EKS refuses desiredSize outside [min, max]", edits: [["pools[2].scaling", { min: 2, max: 20, desired: 1 }]], expect: "workerpools:pools[2].scaling.desired" },
  { id: "max 0", why: "EKS needs maxSize >= 1", edits: [["pools[2].scaling", { min: 0, max: 0, desired: 0 }]], expect: "workerpools:pools[2].scaling.max" },
  { id: "max over the node group quota", why: "EKS allows 450 nodes per managed node group", edits: [["pools[0].scaling", { min: 3, max: 451, desired: 3 }]], expect: "workerpools:pools[0].scaling.max" },
  { id: "per-zone max below AZ count", why: "one node group per AZ needs max >= 3", edits: [["pools[1].scaling", { min: 0, max: 2, desired: 1 }]], expect: "workerpools:pools[1].scaling.max" },
  { id: "maxUnavailable above pool size", why: "EKS refuses maxUnavailable above the node group's max (4 per zone)", edits: [["pools[1].update.maxUnavailable", 5]], expect: "workerpools:pools[1].update.maxUnavailable" },
  { id: "maxUnavailable 0", why: "EKS needs maxUnavailable >= 1", edits: [["pools[1].update.maxUnavailable", 0]], expect: "workerpools:pools[1].update.maxUnavailable" },
  { id: "maxUnavailable and percentage", why: "EKS takes one of the two", edits: [["pools[1].update.maxUnavailablePercentage", 20]], expect: "workerpools:pools[1].update", within: true },
  { id: "maxUnavailablePercentage 101", why: "EKS takes 1-100", edits: [["pools[0].update.maxUnavailablePercentage", 101]], expect: "workerpools:pools[0].update.maxUnavailablePercentage" },
  { id: "maxUnavailablePercentage 0", why: "EKS takes 1-100", edits: [["pools[0].update.maxUnavailablePercentage", 0]], expect: "workerpools:pools[0].update.maxUnavailablePercentage" },
  { id: "taint key over 63", why: "EKS taint keys are 1-63 characters", edits: [["pools[0].taints[0].key", "a".repeat(64)]], expect: "workerpools:pools[0].taints[0].key" },
  { id: "prefixed taint key over 63", why: "EKS counts the prefix: 67 characters (Kubernetes alone would take it)", edits: [["pools[0].taints[0].key", `example.com/${"a".repeat(55)}`]], expect: "workerpools:pools[0].taints[0].key" },
  { id: "taint value over 63", why: "EKS taint values are 0-63 characters", edits: [["pools[2].taints[0].value", "b".repeat(64)]], expect: "workerpools:pools[2].taints[0].value" },
  { id: "51 taints", why: "EKS allows 50 taints per node group", edits: [taints(51)], expect: "workerpools:pools[2].taints" },
  { id: "taint twice", why: "one key, one effect, twice", edits: [["pools[0].taints[1]", { key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }]], expect: "workerpools:pools[0].taints[1]" },
  { id: "taint key with EKS prefix", why: "EKS refuses eks.amazonaws.com/ keys", edits: [["pools[0].taints[0].key", "eks.amazonaws.com/team"]], expect: "workerpools:pools[0].taints[0].key" },
  { id: "io1 without iops", why: "EC2 refuses io1 volumes without iops", edits: [["pools[1].rootVolume", { sizeGiB: 80, type: "io1" }]], expect: "workerpools:pools[1].rootVolume.iops" },
  { id: "io2 without iops", why: "EC2 refuses io2 volumes without iops", edits: [["pools[2].rootVolume", { sizeGiB: 100, type: "io2" }]], expect: "workerpools:pools[2].rootVolume.iops" },
  { id: "root volume under the AMI", why: "10 GiB is smaller than the AMI's 20 GiB snapshot", edits: [["pools[0].rootVolume.sizeGiB", 10]], expect: "workerpools:pools[0].rootVolume.sizeGiB" },
  { id: "root volume over 16 TiB", why: "gp3 volumes are at most 16384 GiB", edits: [["pools[0].rootVolume.sizeGiB", 16385]], expect: "workerpools:pools[0].rootVolume.sizeGiB" },
  { id: "IMDS hop limit 65", why: "EC2 takes 1-64", edits: [["pools[0].metadataHopLimit", 65]], expect: "workerpools:pools[0].metadataHopLimit" },
  { id: "AL2 on 1.35", why: "EKS ships no AL2 AMIs after 1.32", edits: [["pools[0].os", "AL2"]], expect: "workerpools:pools[0].os" },
  { id: "pool 4 minors behind", why: "the kubelet may be at most 3 minors older than the API server", edits: [["pools[1].kubernetesVersion", "1.31"]], expect: "workerpools:pools[1].kubernetesVersion" },
  { id: "pool newer than the cluster", why: "EKS refuses node groups newer than the control plane", edits: [["pools[1].kubernetesVersion", "1.36"]], expect: "workerpools:pools[1].kubernetesVersion" },
  { id: "pool name twice", why: "two pools named general", edits: [["pools[2].name", "general"]], expect: "workerpools:pools[2].name" },
  { id: "node group name over 63", why: "a 50-character per-zone pool: name, AZ and Pulumi's suffix pass EKS's 63", edits: [["pools[1].name", "g".repeat(50)], ["patching.waves", [["system"]]]], expect: "workerpools:pools[1].name" },
  { id: "pool AZ not the cluster's", why: "us-east-1d has no subnet of the cluster", edits: [["pools[2].availabilityZones[2]", "us-east-1d"]], expect: "workerpools:pools[2].availabilityZones[2]" },
  { id: "pool AZ outside aws:region", why: "us-west-2a in a us-east-1 stack", edits: [["pools[2].availabilityZones[0]", "us-west-2a"]], expect: "workerpools:pools[2].availabilityZones[0]" },
  { id: "pool AZ twice", why: "us-east-1a twice", edits: [["pools[2].availabilityZones", ["us-east-1a", "us-east-1a", "us-east-1c"]]], expect: "workerpools:pools[2].availabilityZones[1]" },
  { id: "pool AZs empty", why: "a node group needs a subnet", edits: [["pools[2].availabilityZones", []]], expect: "workerpools:pools[2].availabilityZones" },
  { id: "instance types empty", why: "a node group needs an instance type", edits: [["pools[0].instanceTypes", []]], expect: "workerpools:pools[0].instanceTypes" },
  { id: "instance type unknown", why: "m6i.huge does not exist", edits: [["pools[0].instanceTypes", ["m6i.huge"]]], expect: "workerpools:pools[0].instanceTypes[0]" },
  { id: "instance type of the other architecture", why: "m7g (arm64) in an x86_64 pool: EKS refuses the AMI/type pair", edits: [["pools[1].instanceTypes", ["m6i.xlarge", "m7g.xlarge"]]], expect: "workerpools:pools[1].instanceTypes[1]" },
  { id: "GPU and non-GPU types", why: "SPEC §6: one AMI type cannot serve both (the NVIDIA AMI for g5, the standard one for m6i)", edits: [["pools[1].instanceTypes", ["m6i.xlarge", "g5.xlarge"]]], expect: "workerpools:pools[1].instanceTypes", within: true },
  { id: "GPU type with accelerator none", why: "SPEC §11.2: a GPU type never gets an AMI without its drivers", edits: [["pools[1].instanceTypes", ["g5.xlarge"]], ["pools[1].accelerator", "none"]], expect: "workerpools:pools[1].accelerator" },
  { id: "Neuron and non-Neuron types", why: "one node group has one AMI type: the Neuron AMI for inf2, the standard one for m6i", edits: [["pools[1].instanceTypes", ["m6i.xlarge", "inf2.xlarge"]]], expect: "workerpools:pools[1].instanceTypes", within: true },
  { id: "NVIDIA and Neuron types", why: "no EKS AMI carries both drivers", edits: [["pools[1].instanceTypes", ["g5.xlarge", "inf2.xlarge"]]], expect: "workerpools:pools[1].instanceTypes", within: true },
  { id: "neuron accelerator on a GPU type", why: "g5 has NVIDIA GPUs, no Neuron devices", edits: [["pools[1].instanceTypes", ["g5.xlarge"]], ["pools[1].accelerator", "neuron"]], expect: "workerpools:pools[1].accelerator" },
  { id: "nvidia accelerator on CPU types", why: "m6i has no GPU: an accelerator the types lack", edits: [["pools[0].accelerator", "nvidia"]], expect: "workerpools:pools[0].accelerator" },
  { id: "AMD GPU type", why: "EKS publishes no AMI with AMD GPU drivers (g4ad)", edits: [["pools[1].instanceTypes", ["g4ad.xlarge"]]], expect: "workerpools:pools[1].instanceTypes[0]" },
  { id: "Habana Gaudi type", why: "EKS publishes no AMI with Habana drivers (dl1)", edits: [["pools[0].instanceTypes", ["dl1.24xlarge"]]], expect: "workerpools:pools[0].instanceTypes[0]" },
  { id: "GPU type of the other architecture", why: "g5g (arm64) in an x86_64 pool", edits: [["pools[1].instanceTypes", ["g5g.xlarge"]]], expect: "workerpools:pools[1].instanceTypes[0]" },
  { id: "AL2023 arm64 Neuron", why: "EKS publishes no AL2023 arm64 Neuron AMI", edits: [["pools[0].architecture", "arm64"], ["pools[0].instanceTypes", ["m7g.large"]], ["pools[0].accelerator", "neuron"]], expect: "workerpools:pools[0].accelerator" },
  { id: "Bottlerocket arm64 Neuron", why: "no Bottlerocket arm64 AMI serves Neuron (no arm64 type has Neuron devices)", edits: [["pools[2].architecture", "arm64"], ["pools[2].instanceTypes", ["m7g.2xlarge"]], ["pools[2].accelerator", "neuron"]], expect: "workerpools:pools[2].accelerator" },
  { id: "pinned AMI without release", why: "channel pinned needs releaseVersion", edits: [["pools[0].ami", { channel: "pinned" }]], expect: "workerpools:pools[0].ami.releaseVersion" },
  { id: "pinned AMI release not a release", why: '"latest" is not an AMI release version', edits: [["pools[0].ami", { channel: "pinned", releaseVersion: "latest" }]], expect: "workerpools:pools[0].ami.releaseVersion" },
  { id: "label key with a space", why: "not a Kubernetes label key: EKS and the kubelet refuse it", edits: [["pools[0].labels", { "bad key": "x" }]], expect: "workerpools:pools[0].labels", within: true },
  { id: "label value over 63", why: "label values are at most 63 characters", edits: [["pools[1].labels.role", "v".repeat(64)]], expect: "workerpools:pools[1].labels", within: true },
  { id: "label in kubernetes.io", why: "the kubelet refuses node-role.kubernetes.io/* in --node-labels; EKS refuses the prefix", edits: [["pools[1].labels", { "node-role.kubernetes.io/worker": "true" }]], expect: "workerpools:pools[1].labels", within: true },
  { id: "Capacity Block without a reservation id", why: "EKS rejects a CAPACITY_BLOCK node group whose launch template has no CapacityReservationId", edits: [["pools[0].capacityType", "CAPACITY_BLOCK"], ["pools[0].availabilityZones", ["us-east-1a"]]], expect: "workerpools:pools[0].capacityReservation.id" },
  { id: "SPOT with a capacity reservation", why: "Capacity Reservations hold On-Demand capacity; Spot Instances never run in them", edits: [["pools[2].capacityReservation", { preference: "capacity-reservations-only" }]], expect: "workerpools:pools[2].capacityReservation" },
  { id: "reservation preference open beside a target", why: "EC2 takes a preference beside a target only when it is capacity-reservations-only", edits: [["pools[0].capacityReservation", { id: "cr-02168da1478b509e0", preference: "open" }]], expect: "workerpools:pools[0].capacityReservation.preference" },
  { id: "cluster placement group over three AZs", why: "a cluster placement group lives in one AZ", edits: [["pools[0].placementGroup", "cluster"]], expect: "workerpools:pools[0].availabilityZones" },
  { id: "100,000 bad label keys", why: "refused, quickly (was 75 s)", edits: [manyLabels(100_000)], expect: "workerpools:pools[0].labels", within: true },
];

const kubelet = "pools[0].kubelet";
const KUBELET: readonly SemanticCase[] = [
  { id: "negative duration", why: "the kubelet refuses shutdownGracePeriod -30s", edits: [[`${kubelet}.shutdownGracePeriod`, "-30s"]], expect: "workerpools:pools[0].kubelet.shutdownGracePeriod" },
  { id: "not a duration", why: '"one week" is not a Go duration', edits: [[`${kubelet}.imageMaximumGCAge`, "one week"]], expect: "workerpools:pools[0].kubelet.imageMaximumGCAge" },
  { id: "negative eviction quantity", why: "memory.available -5Mi", edits: [[`${kubelet}.evictionHard`, { "memory.available": "-5Mi" }]], expect: "workerpools:pools[0].kubelet.evictionHard", within: true },
  { id: "negative log size", why: "containerLogMaxSize -1Mi", edits: [[`${kubelet}.containerLogMaxSize`, "-1Mi"]], expect: "workerpools:pools[0].kubelet.containerLogMaxSize" },
  { id: "grace period under the AMI's critical-pods period", why: "AL2023 1.34+ base config has shutdownGracePeriodCriticalPods 30s: 20s total fails the kubelet's validation", edits: [[`${kubelet}.shutdownGracePeriod`, "20s"]], expect: "workerpools:pools[0].kubelet.shutdownGracePeriod" },
  { id: "grace period 0s on AL2023 1.35", why: "0s total under the base 30s for critical pods", edits: [[`${kubelet}.shutdownGracePeriod`, "0s"]], expect: "workerpools:pools[0].kubelet.shutdownGracePeriod" },
  { id: "critical pods period above total", why: "the kubelet refuses critical > total", edits: [[`${kubelet}.shutdownGracePeriod`, "30s"], [`${kubelet}.shutdownGracePeriodCriticalPods`, "60s"]], expect: "workerpools:pools[0].kubelet.shutdownGracePeriodCriticalPods" },
  { id: "unknown feature gate", why: "the kubelet exits on an unknown gate", edits: [[`${kubelet}.featureGates`, { NoSuchGate: true }]], expect: "workerpools:pools[0].kubelet.featureGates", within: true },
  { id: "GA gate set off", why: "InPlacePodVerticalScaling is GA and locked to true on 1.35", edits: [[`${kubelet}.featureGates`, { InPlacePodVerticalScaling: false }]], expect: "workerpools:pools[0].kubelet.featureGates", within: true },
  { id: "sysctl not namespaced", why: "vm.max_map_count is not a namespaced sysctl: the kubelet exits", edits: [[`${kubelet}.allowedUnsafeSysctls`, ["vm.max_map_count"]]], expect: "workerpools:pools[0].kubelet.allowedUnsafeSysctls[0]" },
  { id: "sysctl fs.inotify", why: "fs.inotify.* is not namespaced", edits: [[`${kubelet}.allowedUnsafeSysctls`, ["fs.inotify.max_user_watches"]]], expect: "workerpools:pools[0].kubelet.allowedUnsafeSysctls[0]" },
  { id: "not a sysctl", why: '"not a sysctl" is no sysctl name', edits: [[`${kubelet}.allowedUnsafeSysctls`, ["not a sysctl"]]], expect: "workerpools:pools[0].kubelet.allowedUnsafeSysctls[0]" },
  { id: "image GC low above high", why: "the kubelet refuses low >= high", edits: [[`${kubelet}.imageGCHighThresholdPercent`, 80], [`${kubelet}.imageGCLowThresholdPercent`, 85]], expect: "workerpools:pools[0].kubelet.imageGCLowThresholdPercent" },
  { id: "registry burst below QPS", why: "the kubelet refuses burst < QPS", edits: [[`${kubelet}.registryPullQPS`, 10], [`${kubelet}.registryBurst`, 5]], expect: "workerpools:pools[0].kubelet.registryBurst" },
  { id: "parallel pulls with serial pulls", why: "the kubelet refuses maxParallelImagePulls with serializeImagePulls", edits: [[`${kubelet}.maxParallelImagePulls`, 4], [`${kubelet}.serializeImagePulls`, true]], expect: "workerpools:pools[0].kubelet.maxParallelImagePulls" },
  { id: "soft eviction without grace period", why: "the kubelet needs a grace period per soft signal", edits: [[`${kubelet}.evictionSoft`, { "memory.available": "500Mi" }]], expect: "workerpools:pools[0].kubelet.evictionSoftGracePeriod", within: true },
  { id: "reservation above the instance", why: "64Gi kubeReserved on an 8 GiB m6i.large: the kubelet refuses reservation > capacity", edits: [[`${kubelet}.kubeReserved`, { memory: "64Gi" }]], expect: "workerpools:pools[0].kubelet.kubeReserved", within: true },
  { id: "extra field unknown", why: "not a KubeletConfiguration field: the kubelet refuses strict decoding", edits: [[`${kubelet}.extra`, { notAKubeletField: true }]], expect: "workerpools:pools[0].kubelet.extra.notAKubeletField" },
  { id: "hardening override of a non-hardened field", why: "contradiction: maxPods has no hardened default", edits: [[`${kubelet}.hardeningOverrides`, [{ field: "maxPods", value: 10, reason: "x" }]]], expect: "workerpools:pools[0].kubelet.hardeningOverrides[0].field" },
  { id: "user data over 16 KB", why: "EC2 refuses user data over 16 KB (a 20,000-character kubelet value)", edits: [[`${kubelet}.extra`, { providerID: `aws:///${"x".repeat(20_000)}` }]], expect: "workerpools:pools[0]", within: true },
  { id: "cluster kubelet negative duration", why: "reported once, at the key written (SPEC §6)", edits: [["kubelet.shutdownGracePeriod", "-30s"]], expect: "workerpools:kubelet.shutdownGracePeriod" },
  { id: "cluster kubelet unknown sysctl", why: "reported once, at the key written", edits: [["kubelet.allowedUnsafeSysctls", ["vm.max_map_count"]]], expect: "workerpools:kubelet.allowedUnsafeSysctls[0]" },
  { id: "cluster kubelet unknown gate", why: "reported once, at the key written", edits: [["kubelet.featureGates", { NoSuchGate: true }]], expect: "workerpools:kubelet.featureGates", within: true },
];

const ADDONS_AND_PATCHING: readonly SemanticCase[] = [
  { id: "addon version without eksbuild", why: "EKS addon versions end in -eksbuild.N", edits: [["addons.vpcCni.version", "v1.19.2"]], expect: "workerpools:addons.vpcCni.version" },
  { id: "addon version not a version", why: '"1.11" is not an EKS addon version', edits: [["addons.coredns.version", "1.11"]], expect: "workerpools:addons.coredns.version" },
  { id: "CoreDNS pool missing", why: "no pool named nosuch", edits: [["addons.coredns.pool", "nosuch"]], expect: "workerpools:addons.coredns.pool" },
  { id: "CoreDNS autoscaling inverted", why: "minReplicas above maxReplicas", edits: [["addons.coredns.autoscaling", { minReplicas: 4, maxReplicas: 2 }]], expect: "workerpools:addons.coredns.autoscaling", within: true },
  { id: "warm prefixes without prefix delegation", why: "warmPrefixTarget only applies with prefixDelegation", edits: [["addons.vpcCni.warmPrefixTarget", 1]], expect: "workerpools:addons.vpcCni.warmPrefixTarget" },
  { id: "IPVS scheduler without IPVS", why: "ipvsScheduler with mode nftables", edits: [["kubeProxy.ipvsScheduler", "rr"]], expect: "workerpools:kubeProxy.ipvsScheduler" },
  { id: "nftables on 1.30", why: "kube-proxy nftables mode needs 1.31+", edits: [["cluster.kubernetesVersion", "1.30"]], expect: "workerpools:kubeProxy.mode" },
  { id: "device plugin chart version latest", why: "Helm releases are pinned: neuron-helm-chart has no version latest", edits: [["addons.neuronDevicePlugin", { version: "latest" }]], expect: "workerpools:addons.neuronDevicePlugin.version" },
  { id: "device plugin chart version with v", why: "chart versions are SemVer without a leading v", edits: [["addons.nvidiaDevicePlugin", { version: "v0.20.0" }]], expect: "workerpools:addons.nvidiaDevicePlugin.version" },
  { id: "wave names a missing pool", why: "no pool named nosuch", edits: [["patching.waves", [["system"], ["general", "nosuch"]]]], expect: "workerpools:patching.waves[1][1]" },
  { id: "pool in two waves", why: "a pool belongs to one wave", edits: [["patching.waves", [["system", "general"], ["general", "batch"]]]], expect: "workerpools:patching.waves[1][0]" },
  { id: "freeze ends before it starts", why: "from after to", edits: [["patching.freeze", [{ from: "2027-01-04T00:00:00Z", to: "2026-12-20T00:00:00Z" }]]], expect: "workerpools:patching.freeze[0]", within: true },
];

/** Every hand-written case, by area. */
export const SEMANTIC_CASES: readonly SemanticCase[] = [...CLUSTER, ...POOLS, ...KUBELET, ...ADDONS_AND_PATCHING];

/** The hand-written cases as edits of `values` (the dev stack's; their edits name its pools by index). */
export function semanticBadInputs(values: StackValues, cases: readonly SemanticCase[] = SEMANTIC_CASES): BadInputCase[] {
  return cases.map((c) => ({
    id: c.id,
    kind: "semantic",
    rule: c.id,
    description: c.why,
    values: edited(values, c.edits),
    expectedPath: c.expect,
    match: c.within ? "within" : "exact",
    region: c.region,
  }));
}
