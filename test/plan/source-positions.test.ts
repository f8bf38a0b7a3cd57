/** withoutSourcePositions: Pulumi's per-resource stack walk is off during a plan and back afterwards. */
import * as pulumi from "@pulumi/pulumi";
import { withoutSourcePositions } from "../../tools/plan";

type WithCallsites = { callsites(): unknown[] };

describe("withoutSourcePositions", () => {
  it("empties Resource.callsites until restored", () => {
    const resource = pulumi.Resource as unknown as WithCallsites;
    expect(resource.callsites().length).toBeGreaterThan(0);
    const restore = withoutSourcePositions();
    expect(resource.callsites()).toEqual([]);
    restore();
    expect(resource.callsites().length).toBeGreaterThan(0);
  });
});
