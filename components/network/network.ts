/** Network: a VPC with a private and a public subnet per AZ and one NAT gateway per AZ, or existing subnets. Wiring only. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertValid } from "../core";
import { planZoneSubnets, validateVpcCidr } from "./plan";

/** Create a VPC. */
export interface CreateVpcArgs {
  /** VPC CIDR, /16 to /24. */
  readonly vpcCidr: string;
  /** AZs to use, at least 2. */
  readonly availabilityZones: readonly string[];
  /** EKS cluster name, for the `kubernetes.io/cluster/<name>` subnet tags. */
  readonly clusterName: string;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Use existing private subnets (tagged for load balancers by their owner). */
export interface ExistingSubnetsArgs {
  readonly vpcId: pulumi.Input<string>;
  readonly privateSubnets: readonly PoolSubnet[];
  /** @default [] */
  readonly publicSubnetIds?: readonly pulumi.Input<string>[];
}

/** Either a VPC to create or existing subnets. */
export type NetworkArgs = CreateVpcArgs | ExistingSubnetsArgs;

const isExisting = (a: NetworkArgs): a is ExistingSubnetsArgs => "privateSubnets" in a;

/**
 * The network the cluster and its pools live in. Created VPCs get one NAT gateway per AZ (an AZ outage
 * does not cut the other AZs' egress) and the subnet tags EKS and the AWS Load Balancer Controller read.
 */
export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  /** Private subnets with their AZs, in AZ order. */
  readonly privateSubnets: PoolSubnet[];
  readonly publicSubnetIds: pulumi.Output<string>[];
  /** What private subnets need for internet egress (NAT gateways, routes); nodes should wait for it. Empty for existing subnets. */
  readonly egress: pulumi.Resource[];

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("workerpools:index:Network", name, {}, opts);
    if (isExisting(args)) {
      this.vpcId = pulumi.output(args.vpcId);
      this.privateSubnets = [...args.privateSubnets];
      this.publicSubnetIds = (args.publicSubnetIds ?? []).map((id) => pulumi.output(id));
      this.egress = [];
    } else {
      assertValid(args, validateVpcCidr(args.vpcCidr, args.availabilityZones, name));
      const created = this.createVpc(name, args);
      this.vpcId = created.vpcId;
      this.privateSubnets = created.privateSubnets;
      this.publicSubnetIds = created.publicSubnetIds;
      this.egress = created.egress;
    }
    this.registerOutputs({ vpcId: this.vpcId });
  }

  private createVpc(name: string, a: CreateVpcArgs): { vpcId: pulumi.Output<string>; privateSubnets: PoolSubnet[]; publicSubnetIds: pulumi.Output<string>[]; egress: pulumi.Resource[] } {
    const tags = a.tags ?? {};
    const opts = { parent: this };
    const vpc = new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: a.vpcCidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { ...tags, Name: name } }, opts);
    const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags }, opts);
    const publicRt = new aws.ec2.RouteTable(`${name}-public`, { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }], tags }, opts);
    const clusterTag = { [`kubernetes.io/cluster/${a.clusterName}`]: "shared" };
    const privateSubnets: PoolSubnet[] = [];
    const publicSubnetIds: pulumi.Output<string>[] = [];
    const egress: pulumi.Resource[] = [];
    for (const z of planZoneSubnets(a.vpcCidr, a.availabilityZones)) {
      const pub = new aws.ec2.Subnet(`${name}-public-${z.az}`, {
        vpcId: vpc.id, cidrBlock: z.publicCidr, availabilityZone: z.az, mapPublicIpOnLaunch: false,
        tags: { ...tags, ...clusterTag, Name: `${name}-public-${z.az}`, "kubernetes.io/role/elb": "1" },
      }, opts);
      new aws.ec2.RouteTableAssociation(`${name}-public-${z.az}`, { subnetId: pub.id, routeTableId: publicRt.id }, opts);
      const eip = new aws.ec2.Eip(`${name}-nat-${z.az}`, { domain: "vpc", tags }, opts);
      const nat = new aws.ec2.NatGateway(`${name}-nat-${z.az}`, { subnetId: pub.id, allocationId: eip.id, tags }, { parent: this, dependsOn: [igw] });
      const priv = new aws.ec2.Subnet(`${name}-private-${z.az}`, {
        vpcId: vpc.id, cidrBlock: z.privateCidr, availabilityZone: z.az,
        tags: { ...tags, ...clusterTag, Name: `${name}-private-${z.az}`, "kubernetes.io/role/internal-elb": "1" },
      }, opts);
      const rt = new aws.ec2.RouteTable(`${name}-private-${z.az}`, { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }], tags }, opts);
      egress.push(nat, new aws.ec2.RouteTableAssociation(`${name}-private-${z.az}`, { subnetId: priv.id, routeTableId: rt.id }, opts));
      privateSubnets.push({ id: priv.id, az: z.az });
      publicSubnetIds.push(pub.id);
    }
    return { vpcId: vpc.id, privateSubnets, publicSubnetIds, egress };
  }
}

/** A private subnet the pool may place nodes in. */
export interface PoolSubnet {
  readonly id: pulumi.Input<string>;
  readonly az: string;
}
