/** Network: a VPC with a private and a public subnet per AZ and its NAT gateways (one per AZ, or one), or existing subnets. Wiring only. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, NETWORK_TYPE } from "../core";
import { CreateVpcArgs, NetworkArgs, PoolSubnet, isExistingSubnets, resolveCreateVpcArgs } from "./args";
import { planEgress, planZoneSubnets, validateVpcCidr } from "./plan";
import { planPodSubnets } from "./pod-subnets";

interface CreatedVpc {
  readonly vpcId: pulumi.Output<string>;
  readonly privateSubnets: PoolSubnet[];
  readonly publicSubnetIds: pulumi.Output<string>[];
  readonly egress: pulumi.Resource[];
  readonly podSubnets: PoolSubnet[];
}

/**
 * The network the cluster and its pools live in. Created VPCs get the subnet tags EKS and the AWS Load Balancer
 * Controller read, and NAT gateways as `natGateways` says: one per AZ (default; an AZ outage does not cut the other
 * AZs' egress) or one in the first AZ that every private route table uses.
 */
export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  /** Private subnets with their AZs, in AZ order. */
  readonly privateSubnets: PoolSubnet[];
  readonly publicSubnetIds: pulumi.Output<string>[];
  /** vpc-cni custom networking's pod subnets, in AZ order (created from `podSecondaryCidr`, or given). */
  readonly podSubnets: PoolSubnet[];
  /** What private subnets need for internet egress (NAT gateways, routes); nodes should wait for it. Empty for existing subnets. */
  readonly egress: pulumi.Resource[];

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super(NETWORK_TYPE, name, {}, opts);
    if (isExistingSubnets(args)) {
      this.vpcId = pulumi.output(args.vpcId);
      this.privateSubnets = [...args.privateSubnets];
      this.publicSubnetIds = (args.publicSubnetIds ?? []).map((id) => pulumi.output(id));
      this.egress = [];
      this.podSubnets = [...(args.podSubnets ?? [])];
    } else {
      assertValid(args, validateVpcCidr(args.vpcCidr, args.availabilityZones, name));
      const created = this.createVpc(name, args);
      this.vpcId = created.vpcId;
      this.privateSubnets = created.privateSubnets;
      this.publicSubnetIds = created.publicSubnetIds;
      this.egress = created.egress;
      this.podSubnets = created.podSubnets;
    }
    this.registerOutputs({ vpcId: this.vpcId });
  }

  private createVpc(name: string, args: CreateVpcArgs): CreatedVpc {
    const a = resolveCreateVpcArgs(args);
    const tags = a.tags;
    const opts = { parent: this };
    const vpc = new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: a.vpcCidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { ...tags, Name: name } }, opts);
    const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags }, opts);
    const publicRt = new aws.ec2.RouteTable(`${name}-public`, { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }], tags }, opts);
    const clusterTag = { [`kubernetes.io/cluster/${a.clusterName}`]: "shared" };
    const egressPlan = planEgress(a.availabilityZones, a.natGateways);
    const nats = new Map<string, aws.ec2.NatGateway>();
    const created: CreatedVpc = { vpcId: vpc.id, privateSubnets: [], publicSubnetIds: [], egress: [], podSubnets: [] };
    const secondary = a.podSecondaryCidr === undefined ? undefined
      : new aws.ec2.VpcIpv4CidrBlockAssociation(`${name}-pods`, { vpcId: vpc.id, cidrBlock: a.podSecondaryCidr }, opts);
    const podCidrs = new Map((secondary && a.podSecondaryCidr ? planPodSubnets(a.podSecondaryCidr, a.availabilityZones) : []).map((p) => [p.az, p.cidr]));
    for (const z of planZoneSubnets(a.vpcCidr, a.availabilityZones)) {
      const pub = new aws.ec2.Subnet(`${name}-public-${z.az}`, {
        vpcId: vpc.id, cidrBlock: z.publicCidr, availabilityZone: z.az, mapPublicIpOnLaunch: false,
        tags: { ...tags, ...clusterTag, Name: `${name}-public-${z.az}`, "kubernetes.io/role/elb": "1" },
      }, opts);
      new aws.ec2.RouteTableAssociation(`${name}-public-${z.az}`, { subnetId: pub.id, routeTableId: publicRt.id }, opts);
      if (egressPlan.natGatewayAzs.includes(z.az)) {
        const eip = new aws.ec2.Eip(`${name}-nat-${z.az}`, { domain: "vpc", tags }, opts);
        const nat = new aws.ec2.NatGateway(`${name}-nat-${z.az}`, { subnetId: pub.id, allocationId: eip.id, tags }, { parent: this, dependsOn: [igw] });
        nats.set(z.az, nat);
        created.egress.push(nat);
      }
      const nat = nats.get(egressPlan.routeVia[z.az]);
      if (!nat) throw new Error(`no NAT gateway planned for ${z.az}'s egress (via ${egressPlan.routeVia[z.az]})`);
      const priv = new aws.ec2.Subnet(`${name}-private-${z.az}`, {
        vpcId: vpc.id, cidrBlock: z.privateCidr, availabilityZone: z.az,
        tags: { ...tags, ...clusterTag, Name: `${name}-private-${z.az}`, "kubernetes.io/role/internal-elb": "1" },
      }, opts);
      const rt = new aws.ec2.RouteTable(`${name}-private-${z.az}`, { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }], tags }, opts);
      created.egress.push(new aws.ec2.RouteTableAssociation(`${name}-private-${z.az}`, { subnetId: priv.id, routeTableId: rt.id }, opts));
      created.privateSubnets.push({ id: priv.id, az: z.az });
      const podCidr = podCidrs.get(z.az);
      if (secondary && podCidr !== undefined) {
        // Pod subnet of custom networking: in the secondary CIDR (so created after its association), the AZ's private routes.
        const pods = new aws.ec2.Subnet(`${name}-pods-${z.az}`, {
          vpcId: secondary.vpcId, cidrBlock: podCidr, availabilityZone: z.az, tags: { ...tags, ...clusterTag, Name: `${name}-pods-${z.az}` },
        }, { parent: this, dependsOn: [secondary] });
        created.egress.push(new aws.ec2.RouteTableAssociation(`${name}-pods-${z.az}`, { subnetId: pods.id, routeTableId: rt.id }, opts));
        created.podSubnets.push({ id: pods.id, az: z.az });
      }
      created.publicSubnetIds.push(pub.id);
    }
    return created;
  }
}
