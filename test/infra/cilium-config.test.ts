/** `workerpools:cni` with the pod identity agent in stack config: Cilium's ENI mode needs the agent (its operator's role). */
import * as path from "node:path";
import { loadStackConfig } from "../../infra/config";
import { readStackFile } from "../../tools/plan";

const EXAMPLES = path.resolve(__dirname, "../../examples/stacks");
const withAgentOff = (stack: string): Record<string, unknown> => ({
  ...structuredClone(readStackFile(EXAMPLES, stack).values),
  addons: { podIdentityAgent: { enabled: false }, ebsCsi: { enabled: false } },
});

describe("the pod identity agent under workerpools:cni", () => {
  it("eni mode: turning the agent off is refused at its path, naming workerpools:cni", () => {
    const r = loadStackConfig(withAgentOff("cilium-eni"));
    if (r.ok) throw new Error("expected the config to be refused");
    const agent = r.errors.filter((e) => e.path === "workerpools:addons.podIdentityAgent.enabled");
    expect(agent).toHaveLength(1);
    expect(agent[0].message).toMatch(/workerpools:cni \(Cilium's operator, ENI mode\) takes its IAM role through an EKS Pod Identity association/);
    expect(agent[0].message).toContain("cni.cilium.mode chaining");
  });
  it("chaining mode: the agent may be off", () => {
    const r = loadStackConfig(withAgentOff("cilium-chaining"));
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  });
});
