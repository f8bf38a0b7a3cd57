/**
 * The deploy path of promotion under Pulumi's mocks: with no offline sources given, the program reads each source
 * stack's `versions` through a StackReference named `<org>/<project>/<from>` (this stack's organization and project),
 * or the `org/project/stack` written in `from`; a reference to this stack itself is refused.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig } from "../../infra/config";
import { readPromotionSources } from "../../infra/promotion";
import type { StackConfig } from "../../infra/stack-config";
import { STACK_REFERENCE_TYPE } from "../../components/core";

const referenced: string[] = [];
const VERSIONS: Record<string, unknown> = {
  "acme/eks-workerpools/dev": { pools: { general: { releaseVersion: "1.35.0-20251120", since: "2026-11-20T00:00:00.000Z", amiType: "AL2023_x86_64_STANDARD" } } },
  "other-org/platform/staging": { pools: { general: {
    releaseVersion: "1.35.0-20251127", since: "2026-11-27T00:00:00.000Z",
    history: [{ releaseVersion: "1.35.0-20251105", since: "2026-11-05T00:00:00.000Z", until: "2026-11-27T00:00:00.000Z" }],
  } } },
};

beforeAll(async () => {
  await pulumi.runtime.setMocks({
    newResource: (args) => {
      if (args.type !== STACK_REFERENCE_TYPE) return { id: `${args.name}-id`, state: args.inputs };
      const name = String(args.inputs.name);
      referenced.push(name);
      return { id: name, state: { name, outputs: VERSIONS[name] === undefined ? {} : { versions: VERSIONS[name] }, secretOutputNames: [] } };
    },
    call: () => ({}),
  }, "eks-workerpools", "prod", true, "acme");
});

function configWith(froms: string[]): StackConfig {
  const r = loadStackConfig({
    cluster: { name: "prod", network: { vpcCidr: "10.0.0.0/16", availabilityZones: ["eu-west-1a", "eu-west-1b"] } },
    pools: froms.map((from, i) => ({ name: i === 0 ? "general" : `pool${i}`, instanceTypes: ["m6i.large"], ami: { channel: "promoted", from, soakDays: 7 } })),
  }, new Date("2026-12-01T00:00:00Z"), { self: ["prod"] });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  return r.config;
}

describe("readPromotionSources at deploy", () => {
  it("reads each source's versions output through a StackReference, once per source", async () => {
    const sources = await readPromotionSources(configWith(["dev", "other-org/platform/staging", "dev"]));
    expect(referenced.sort()).toEqual(["acme/eks-workerpools/dev", "other-org/platform/staging"]);
    expect(sources.dev).toEqual({ pools: { general: { releaseVersion: "1.35.0-20251120", since: "2026-11-20T00:00:00.000Z", amiType: "AL2023_x86_64_STANDARD" } }, addons: {} });
    // The bounded release history comes through the reference too (promotion may take a release the source ran before).
    expect(sources["other-org/platform/staging"]).toMatchObject({ pools: { general: {
      releaseVersion: "1.35.0-20251127", history: [{ releaseVersion: "1.35.0-20251105", since: "2026-11-05T00:00:00.000Z", until: "2026-11-27T00:00:00.000Z" }],
    } } });
  });

  it("a source stack without a versions output is undefined (the pool keeps what it runs, or is refused)", async () => {
    expect(await readPromotionSources(configWith(["acme/eks-workerpools/empty"]))).toEqual({ "acme/eks-workerpools/empty": undefined });
  });

  it("refuses this stack written as org/project/stack", async () => {
    await expect(readPromotionSources(configWith(["acme/eks-workerpools/prod"]))).rejects.toThrow(/names this stack \(acme\/eks-workerpools\/prod\)/);
  });

  it("no promoted pool: no reference", async () => {
    const before = referenced.length;
    const c = configWith(["dev"]);
    expect(await readPromotionSources({ ...c, pools: [] })).toEqual({});
    expect(referenced).toHaveLength(before);
  });
});
