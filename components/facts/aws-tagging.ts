/**
 * The AWS resource types the provider's default tags (`aws:defaultTags`) reach, shipped as data generated from the
 * installed @pulumi/aws (tools/gen/aws-taggable-types.ts names the rule it reads).
 */
import raw from "./data/aws-taggable-types.json";

const TAGGABLE: ReadonlySet<string> = new Set(raw.types);

/** The package the list was read from, e.g. `@pulumi/aws 7.48.0`. */
export const AWS_TAGGABLE_TYPES_SOURCE: string = raw.source.package;

/** True when resources of this type token carry `tagsAll`, so `aws:defaultTags` is merged into their tags. */
export const isTaggableAwsType = (type: string): boolean => TAGGABLE.has(type);
