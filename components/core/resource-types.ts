/**
 * The Pulumi type tokens the platform creates, plans, reviews and judges: one constant each, the one list of them
 * ({@link RESOURCE_TYPES}, {@link INVOKE_TOKENS}) and their unions. Components, the plan, the review, the policy
 * pack and the tests match on these names, never on a literal. The tokens are Pulumi's and the providers'
 * (`<package>:<module>:<Type>`); a data file that lists tokens (facts/data/aws-taggable-types.json, golden plans)
 * stays data.
 */

// Our own components (this library).
/** The WorkerPool component (node groups and launch templates of one pool). */
export const WORKER_POOL_TYPE = "workerpools:index:WorkerPool";
/** The ControlPlane component (wraps the @pulumi/eks cluster). */
export const CONTROL_PLANE_TYPE = "workerpools:index:ControlPlane";
/** The Network component (VPC, subnets, NAT). */
export const NETWORK_TYPE = "workerpools:index:Network";
/** The Addons component (EKS addons and their Helm releases). */
export const ADDONS_TYPE = "workerpools:index:Addons";
/** The Tenants component (namespaces, quotas, network policies, access entries). */
export const TENANTS_TYPE = "workerpools:index:Tenants";
/** The ClusterAutoscaler component. */
export const CLUSTER_AUTOSCALER_TYPE = "workerpools:index:ClusterAutoscaler";
/** The Karpenter component (controller, NodePools, EC2NodeClasses). */
export const KARPENTER_TYPE = "workerpools:index:Karpenter";

// Pulumi itself.
/** The root stack resource every other resource descends from. */
export const STACK_TYPE = "pulumi:pulumi:Stack";
/** A reference to another stack's outputs. */
export const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";
/** An explicit Kubernetes provider (the cluster's kubeconfig). */
export const KUBERNETES_PROVIDER_TYPE = "pulumi:providers:kubernetes";

// @pulumi/eks.
/** The @pulumi/eks Cluster component (the offline plan's control plane). */
export const CLUSTER_TYPE = "eks:index:Cluster";
/** The @pulumi/eks ServiceRole component (an IAM role it creates inside the cluster). */
export const EKS_SERVICE_ROLE_TYPE = "eks:index:ServiceRole";

// @pulumi/aws: EKS.
/** The EKS cluster @pulumi/eks creates inside its Cluster component (seen in a real preview). */
export const INNER_EKS_CLUSTER_TYPE = "aws:eks/cluster:Cluster";
/** An EKS managed node group. */
export const NODE_GROUP_TYPE = "aws:eks/nodeGroup:NodeGroup";
/** An EKS addon (vpc-cni, coredns, kube-proxy, ...). */
export const ADDON_TYPE = "aws:eks/addon:Addon";
/** An EKS access entry (an IAM principal's access to the cluster). */
export const ACCESS_ENTRY_TYPE = "aws:eks/accessEntry:AccessEntry";
/** An EKS access policy associated with an access entry. */
export const ACCESS_POLICY_ASSOCIATION_TYPE = "aws:eks/accessPolicyAssociation:AccessPolicyAssociation";
/** An EKS Pod Identity association (service account to IAM role). */
export const POD_IDENTITY_ASSOCIATION_TYPE = "aws:eks/podIdentityAssociation:PodIdentityAssociation";

// @pulumi/aws: EC2 and VPC.
/** An EC2 launch template (a node group's or Karpenter's node settings and user data). */
export const LAUNCH_TEMPLATE_TYPE = "aws:ec2/launchTemplate:LaunchTemplate";
/** A VPC. */
export const VPC_TYPE = "aws:ec2/vpc:Vpc";
/** A secondary IPv4 CIDR block of a VPC (custom networking). */
export const VPC_CIDR_ASSOCIATION_TYPE = "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation";
/** A subnet. */
export const SUBNET_TYPE = "aws:ec2/subnet:Subnet";
/** A route table. */
export const ROUTE_TABLE_TYPE = "aws:ec2/routeTable:RouteTable";
/** A subnet's association with a route table. */
export const ROUTE_TABLE_ASSOCIATION_TYPE = "aws:ec2/routeTableAssociation:RouteTableAssociation";
/** A NAT gateway. */
export const NAT_GATEWAY_TYPE = "aws:ec2/natGateway:NatGateway";
/** An internet gateway (the public subnets' route out). */
export const INTERNET_GATEWAY_TYPE = "aws:ec2/internetGateway:InternetGateway";
/** An Elastic IP (a NAT gateway's address). */
export const EIP_TYPE = "aws:ec2/eip:Eip";
/** A security group. */
export const SECURITY_GROUP_TYPE = "aws:ec2/securityGroup:SecurityGroup";
/** A security group rule of the older, inline-style resource. */
export const SECURITY_GROUP_RULE_TYPE = "aws:ec2/securityGroupRule:SecurityGroupRule";
/** One ingress rule of a security group. */
export const SECURITY_GROUP_INGRESS_RULE_TYPE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
/** One egress rule of a security group. */
export const SECURITY_GROUP_EGRESS_RULE_TYPE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
/** An EC2 placement group. */
export const PLACEMENT_GROUP_TYPE = "aws:ec2/placementGroup:PlacementGroup";
/** One tag on an EC2 resource the platform does not own (e.g. Karpenter's discovery tag on a subnet). */
export const EC2_TAG_TYPE = "aws:ec2/tag:Tag";
/** One tag on an Auto Scaling group (e.g. the Cluster Autoscaler's node template tags). */
export const AUTOSCALING_TAG_TYPE = "aws:autoscaling/tag:Tag";

// @pulumi/aws: IAM, KMS, logs, queues, events.
/** An IAM role. */
export const IAM_ROLE_TYPE = "aws:iam/role:Role";
/** An inline IAM role policy. */
export const ROLE_POLICY_TYPE = "aws:iam/rolePolicy:RolePolicy";
/** A managed IAM policy attached to a role. */
export const ROLE_POLICY_ATTACHMENT_TYPE = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
/** A KMS key. */
export const KMS_KEY_TYPE = "aws:kms/key:Key";
/** A CloudWatch log group. */
export const LOG_GROUP_TYPE = "aws:cloudwatch/logGroup:LogGroup";
/** An SQS queue (Karpenter's interruption queue). */
export const SQS_QUEUE_TYPE = "aws:sqs/queue:Queue";
/** An EventBridge rule's target (Karpenter's interruption events). */
export const EVENT_TARGET_TYPE = "aws:cloudwatch/eventTarget:EventTarget";

// @pulumi/kubernetes.
/** A Helm release. */
export const HELM_RELEASE_TYPE = "kubernetes:helm.sh/v3:Release";
/** A ConfigMap. */
export const CONFIG_MAP_TYPE = "kubernetes:core/v1:ConfigMap";
/** A Namespace. */
export const NAMESPACE_TYPE = "kubernetes:core/v1:Namespace";
/** A ResourceQuota. */
export const RESOURCE_QUOTA_TYPE = "kubernetes:core/v1:ResourceQuota";
/** A LimitRange. */
export const LIMIT_RANGE_TYPE = "kubernetes:core/v1:LimitRange";
/** A NetworkPolicy. */
export const NETWORK_POLICY_TYPE = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
/** A StorageClass. */
export const STORAGE_CLASS_TYPE = "kubernetes:storage.k8s.io/v1:StorageClass";
/** A VPC CNI ENIConfig (custom networking: the pod subnet per AZ). */
export const ENI_CONFIG_TYPE = "kubernetes:crd.k8s.amazonaws.com/v1alpha1:ENIConfig";
/** A Karpenter NodePool. */
export const NODE_POOL_TYPE = "kubernetes:karpenter.sh/v1:NodePool";
/** A Karpenter EC2NodeClass. */
export const EC2_NODE_CLASS_TYPE = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass";

/** Every resource type token above, once. test/core/resource-types.test.ts checks that no constant is missing. */
export const RESOURCE_TYPES = [
  WORKER_POOL_TYPE, CONTROL_PLANE_TYPE, NETWORK_TYPE, ADDONS_TYPE, TENANTS_TYPE, CLUSTER_AUTOSCALER_TYPE, KARPENTER_TYPE,
  STACK_TYPE, STACK_REFERENCE_TYPE, KUBERNETES_PROVIDER_TYPE, CLUSTER_TYPE, EKS_SERVICE_ROLE_TYPE,
  INNER_EKS_CLUSTER_TYPE, NODE_GROUP_TYPE, ADDON_TYPE, ACCESS_ENTRY_TYPE, ACCESS_POLICY_ASSOCIATION_TYPE, POD_IDENTITY_ASSOCIATION_TYPE,
  LAUNCH_TEMPLATE_TYPE, VPC_TYPE, VPC_CIDR_ASSOCIATION_TYPE, SUBNET_TYPE, ROUTE_TABLE_TYPE, ROUTE_TABLE_ASSOCIATION_TYPE,
  INTERNET_GATEWAY_TYPE, NAT_GATEWAY_TYPE, EIP_TYPE, SECURITY_GROUP_TYPE, SECURITY_GROUP_RULE_TYPE, SECURITY_GROUP_INGRESS_RULE_TYPE,
  SECURITY_GROUP_EGRESS_RULE_TYPE, PLACEMENT_GROUP_TYPE, EC2_TAG_TYPE, AUTOSCALING_TAG_TYPE,
  IAM_ROLE_TYPE, ROLE_POLICY_TYPE, ROLE_POLICY_ATTACHMENT_TYPE, KMS_KEY_TYPE, LOG_GROUP_TYPE, SQS_QUEUE_TYPE, EVENT_TARGET_TYPE,
  HELM_RELEASE_TYPE, CONFIG_MAP_TYPE, NAMESPACE_TYPE, RESOURCE_QUOTA_TYPE, LIMIT_RANGE_TYPE, NETWORK_POLICY_TYPE,
  STORAGE_CLASS_TYPE, ENI_CONFIG_TYPE, NODE_POOL_TYPE, EC2_NODE_CLASS_TYPE,
] as const;

/** A resource type token the platform knows. */
export type ResourceType = (typeof RESOURCE_TYPES)[number];

// Provider functions (invokes) the offline plan answers.
/** SSM GetParameter (the EKS-optimized AMI IDs). */
export const GET_PARAMETER_FN = "aws:ssm/getParameter:getParameter";
/** EKS DescribeAddonVersions (an addon's default version). */
export const GET_ADDON_VERSION_FN = "aws:eks/getAddonVersion:getAddonVersion";
/** The provider's region. */
export const GET_REGION_FN = "aws:index/getRegion:getRegion";
/** STS GetCallerIdentity (the account). */
export const GET_CALLER_IDENTITY_FN = "aws:index/getCallerIdentity:getCallerIdentity";

/** Every invoke token above, once. */
export const INVOKE_TOKENS = [GET_PARAMETER_FN, GET_ADDON_VERSION_FN, GET_REGION_FN, GET_CALLER_IDENTITY_FN] as const;

/** A provider function token the offline plan answers. */
export type InvokeToken = (typeof INVOKE_TOKENS)[number];
