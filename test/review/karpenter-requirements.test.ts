/**
 * NodePool requirement changes under Karpenter's drift check (labels checked against the requirements, not hashed):
 * per operator, a widened requirement drifts no node, a narrowed one drifts the nodes whose labels no longer meet it.
 */
import { reviewKarpenterPools } from "../../tools/review";
import { EC2_NODE_CLASS_TYPE, NODE_POOL_TYPE } from "../../components/core";

type Req = { key: string; operator: string; values?: string[] };
const CPU = "karpenter.k8s.aws/instance-cpu";
const TYPE = "node.kubernetes.io/instance-type";
const nodePool = (requirements: Req[]) => ({
  type: NODE_POOL_TYPE, name: "np", inputs: { metadata: { name: "p" }, spec: { template: { spec: { nodeClassRef: { name: "p" }, requirements } } } },
});
const nodeClass = { type: EC2_NODE_CLASS_TYPE, name: "nc", inputs: { metadata: { name: "p" }, spec: { role: "r" } } };
const review = (before: Req[], after: Req[]) => reviewKarpenterPools([nodePool(after), nodeClass], [nodePool(before), nodeClass])[0];
const effects = (before: Req[], after: Req[]) => review(before, after).changes.map((c) => [c.field.replace(/^nodePool\.template\.spec\.requirements/, ""), c.effect]);
const req = (key: string, operator: string, ...values: string[]): Req => ({ key, operator, values });

describe("requirement changes: widened drifts nothing", () => {
  it.each([
    ["In: values added", [req(TYPE, "In", "m5.large")], [req(TYPE, "In", "m5.large", "m6i.large")], `[${TYPE} In]`],
    ["NotIn: values removed", [req(TYPE, "NotIn", "t3.micro", "t3.small")], [req(TYPE, "NotIn", "t3.micro")], `[${TYPE} NotIn]`],
    ["Gt: lowered", [req(CPU, "Gt", "4")], [req(CPU, "Gt", "2")], `[${CPU} Gt]`],
    ["Lt: raised", [req(CPU, "Lt", "9")], [req(CPU, "Lt", "17")], `[${CPU} Lt]`],
    ["Gte: lowered", [req(CPU, "Gte", "4")], [req(CPU, "Gte", "2")], `[${CPU} Gte]`],
    ["Lte: raised", [req(CPU, "Lte", "8")], [req(CPU, "Lte", "16")], `[${CPU} Lte]`],
    ["In: removed entirely", [req(TYPE, "In", "m5.large")], [], `[${TYPE} In]`],
    ["Exists: removed", [req("team", "Exists")], [], "[team Exists]"],
    ["DoesNotExist: removed", [req("spot", "DoesNotExist")], [], "[spot DoesNotExist]"],
    ["In replaced by Exists", [req("team", "In", "web")], [req("team", "Exists")], "[team In]"],
  ])("%s", (_, before, after, field) => {
    const k = review(before, after);
    expect(k.kind).toBe("no-replace");
    expect(k.changes.map((c) => c.field)).toContain(`nodePool.template.spec.requirements${field}`);
    expect(k.changes.every((c) => c.effect === "in-place")).toBe(true);
    expect(k.changes[0].why).toMatch(/none drifts/);
  });
});

describe("requirement changes: narrowed drifts the nodes whose labels no longer meet it", () => {
  it.each([
    ["In: a value removed", [req(TYPE, "In", "m5.large", "m6i.large")], [req(TYPE, "In", "m6i.large")], `[${TYPE} In]`, `${TYPE}=m5.large`],
    ["NotIn: a value added", [req(TYPE, "NotIn", "t3.micro")], [req(TYPE, "NotIn", "t3.micro", "t3.small")], `[${TYPE} NotIn]`, `${TYPE}=t3.small`],
    ["Gt: raised", [req(CPU, "Gt", "2")], [req(CPU, "Gt", "4")], `[${CPU} Gt]`, `${CPU}=4`],
    ["Lt: lowered", [req(CPU, "Lt", "17")], [req(CPU, "Lt", "9")], `[${CPU} Lt]`, `${CPU}=9`],
    ["Gte: raised", [req(CPU, "Gte", "2")], [req(CPU, "Gte", "4")], `[${CPU} Gte]`, `${CPU}=2`],
    ["Lte: lowered", [req(CPU, "Lte", "16")], [req(CPU, "Lte", "8")], `[${CPU} Lte]`, `${CPU}=16`],
    ["Exists: added", [], [req("team", "Exists")], "[team Exists]", "without the label"],
    ["DoesNotExist: added", [], [req("spot", "DoesNotExist")], "[spot DoesNotExist]", "with a spot label"],
    ["In: added", [], [req(TYPE, "In", "m5.large")], `[${TYPE} In]`, "without the label"],
    ["an operator outside Karpenter's v1 API: assumed to drift", [], [req(TYPE, "Near", "m5")], `[${TYPE} Near]`, "not in Karpenter's v1 API"],
  ])("%s", (_, before, after, field, example) => {
    const k = review(before, after);
    expect(k.kind).toBe("drift");
    expect(effects(before, after)).toEqual([[field, "roll"]]);
    expect(k.changes[0].why).toContain(example);
  });

  it("one bound raised and one lowered on the same key: only the narrowed one drifts", () => {
    const before = [req(CPU, "Gt", "2"), req(CPU, "Lt", "9")];
    expect(effects(before, [req(CPU, "Gt", "4"), req(CPU, "Lt", "17")])).toEqual([[`[${CPU} Gt]`, "roll"], [`[${CPU} Lt]`, "in-place"]]);
  });

  it("an instance type added with Lt raised (the reported case): no drift", () => {
    const before = [req(CPU, "Lt", "9"), req(TYPE, "In", "m5.large")];
    const k = review(before, [req(CPU, "Lt", "17"), req(TYPE, "In", "m5.large", "m6i.large")]);
    expect([k.kind, k.changes.map((c) => c.effect)]).toEqual(["no-replace", ["in-place", "in-place"]]);
  });

  it("a narrowed requirement another one on the key already implies drifts nothing", () => {
    // In [a, b] with NotIn [b]: removing b from the In list admits the same labels.
    const k = review([req(TYPE, "In", "a", "b"), req(TYPE, "NotIn", "b")], [req(TYPE, "In", "a"), req(TYPE, "NotIn", "b")]);
    expect(k.kind).toBe("no-replace");
  });
});
