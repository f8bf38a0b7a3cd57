/** WorkerPools planned under Pulumi's mock runtime (mocks set first, then the component loaded), and lookups in what they register. */
import * as pulumi from "@pulumi/pulumi";
import { PlanResource, StandInLog, installRecorder, offlineMocks, planResources } from "../../tools/plan";
import type { WorkerPool } from "../../components/worker-pool";

export const CLUSTER_SG = "sg-0c0c0c0c0c0c0c0c0";
export const VPC = "vpc-0123456789abcdef0";
/** A cluster connection with its security group and VPC, and private subnets in us-east-1a and us-east-1b. */
export const cluster = {
  name: "c", endpoint: "https://e.example", certificateAuthority: "Q0E=", serviceCidr: "172.20.0.0/16", kubernetesVersion: "1.35",
  clusterSecurityGroupId: CLUSTER_SG, vpcId: VPC,
};
export const subnets = ["us-east-1a", "us-east-1b"].map((az) => ({ id: `subnet-${az}`, az }));

/** Runs `register` (which creates pools with the given class) in a mocked stack and returns every registered resource. */
export async function planWorkerPools(register: (pool: typeof WorkerPool) => void): Promise<PlanResource[]> {
  await pulumi.runtime.setMocks(offlineMocks(new StandInLog(), { region: "us-east-1" }), "proj", "test", true);
  const recorded = installRecorder();
  const { WorkerPool: Pool } = await import("../../components/worker-pool");
  await pulumi.runtime.runInPulumiStack(() => {
    register(Pool);
    return Promise.resolve({});
  });
  await pulumi.runtime.disconnect();
  return planResources(recorded);
}

/** The resource of `type` named `name` among `resources`; throws when there is none. */
export function namedIn(resources: readonly PlanResource[], type: string, name: string): PlanResource {
  const r = resources.find((x) => x.type === type && x.name === name);
  if (!r) throw new Error(`no ${type} named ${name}`);
  return r;
}
