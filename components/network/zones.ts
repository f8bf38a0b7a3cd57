/**
 * Regions and availability zones as EC2 names them. The region list is the AWS provider's own (`aws.Region` of
 * @pulumi/aws, generated from the AWS SDK's endpoint data). Pure.
 */
import { Region } from "@pulumi/aws/types/enums";
import { ConfigIssue } from "../core";

/** Every region the AWS provider can target. */
export const AWS_REGIONS: readonly string[] = Object.values(Region);

/** `us-east-1` style: partition-prefixed words and a number. */
const REGION_SHAPE = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** An AZ name: its region and one letter (Local and Wavelength Zones, `us-east-1-bos-1a`, take no managed node groups). */
const AZ_SHAPE = /^([a-z]{2}(?:-[a-z]+)+-\d+)([a-z])$/;

/** The region of an AZ name (`us-east-1a` → `us-east-1`), when it is one. */
export function regionOfZone(az: string): string | undefined {
  return AZ_SHAPE.exec(az)?.[1];
}

/** `aws:region` must be a region the provider knows. */
export function validateRegion(region: string, at: string): ConfigIssue[] {
  if (AWS_REGIONS.includes(region)) return [];
  const hint = REGION_SHAPE.test(region) ? "" : " (a region name such as us-east-1, not an AZ)";
  return [{ path: at, message: `"${region}" is not an AWS region${hint}` }];
}

/**
 * The cluster's AZs, in the order written: each an AZ of `region` (or, when the region is not known offline, all of
 * one region), listed once. `pathOf(i)` names the i-th AZ where the user wrote it.
 */
export function validateZones(azs: readonly string[], region: string | undefined, pathOf: (i: number) => string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  const expected = region ?? azs.map(regionOfZone).find((r) => r !== undefined);
  azs.forEach((az, i) => {
    const of = regionOfZone(az);
    if (of === undefined) {
      issues.push({ path: pathOf(i), message: `"${az}" is not an availability zone name (a region and a letter, e.g. ${expected ?? "us-east-1"}a)` });
    } else if (expected !== undefined && of !== expected) {
      const source = region !== undefined ? `aws:region is ${region}` : `the first AZ is in ${expected}`;
      issues.push({ path: pathOf(i), message: `"${az}" is in ${of}, but ${source}; every AZ must be in the stack's region` });
    }
    if (seen.has(az)) issues.push({ path: pathOf(i), message: `"${az}" is listed twice; each AZ gets one subnet` });
    seen.add(az);
  });
  return issues;
}
