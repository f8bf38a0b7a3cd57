/**
 * Zonal shift through a resource transform on the EKS cluster inside `eks.Cluster` (which has no input for it): the
 * transform as a pure function and the list the ControlPlane passes as `transforms`. Pulumi's mock runtime refuses
 * transforms, so what the component records there (its `zonalShiftConfig` input) is asserted in
 * test/program/node-health-examples.test.ts.
 */
import { clusterTransforms, resolveControlPlaneArgs, zonalShiftTransform } from "../../components/control-plane";
import { ACCESS_ENTRY_TYPE, EKS_SERVICE_ROLE_TYPE, IAM_ROLE_TYPE, INNER_EKS_CLUSTER_TYPE } from "../../components/core";

const args = (type: string, props: Record<string, unknown> = { name: "c" }) => ({ custom: true, type, name: "cluster-eksCluster", props, opts: { protect: true } });

describe("zonal shift transform", () => {
  it("sets zonalShiftConfig on aws:eks/cluster:Cluster and keeps its other props and options", () => {
    expect(INNER_EKS_CLUSTER_TYPE).toBe(INNER_EKS_CLUSTER_TYPE);
    expect(zonalShiftTransform(true)(args(INNER_EKS_CLUSTER_TYPE))).toEqual({ props: { name: "c", zonalShiftConfig: { enabled: true } }, opts: { protect: true } });
    expect(zonalShiftTransform(false)(args(INNER_EKS_CLUSTER_TYPE, { name: "c", zonalShiftConfig: { enabled: true } }))).toEqual({ props: { name: "c", zonalShiftConfig: { enabled: false } }, opts: { protect: true } });
  });

  it("leaves every other resource of eks.Cluster alone", () => {
    for (const type of [IAM_ROLE_TYPE, ACCESS_ENTRY_TYPE, EKS_SERVICE_ROLE_TYPE]) expect(zonalShiftTransform(true)(args(type))).toBeUndefined();
  });

  it("is registered only when zonalShift is set (true or false), so an unset cluster keeps EKS's own setting", () => {
    expect(clusterTransforms(undefined)).toEqual([]);
    const [on] = clusterTransforms(true);
    expect(on(args(INNER_EKS_CLUSTER_TYPE))).toMatchObject({ props: { zonalShiftConfig: { enabled: true } } });
    expect(clusterTransforms(false)).toHaveLength(1);
  });

  it("defaults: zonal shift unset, no VPC resource controller policy", () => {
    const a = resolveControlPlaneArgs({ name: "c", kubernetesVersion: "1.35", vpcId: "vpc-1", privateSubnetIds: [] });
    expect(a.zonalShift).toBeUndefined();
    expect(a.vpcResourceController).toBe(false);
  });
});
