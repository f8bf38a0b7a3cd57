/** components/tenants validateTenants: every problem at the path the user wrote. */
import { RESERVED_NAMESPACES, TenantArgs, resolveTenant, validateTenants } from "../../components/tenants";

const AT = "workerpools:tenants";
const LEAD = "arn:aws:iam::111122223333:role/payments-lead";
const ok: TenantArgs = { name: "payments", namespaces: ["payments", "payments-jobs"], admins: [LEAD], quota: { cpu: "200", memory: "400Gi", pods: 500 }, pool: "payments" };
const check = (tenants: TenantArgs[], ctx = {}) => validateTenants(tenants.map(resolveTenant), AT, { poolNames: ["payments", "shared"], ...ctx });

describe("validateTenants", () => {
  it("accepts the SPEC example", () => {
    expect(check([ok])).toEqual([]);
  });

  it.each<[string, TenantArgs[], object, string, RegExp]>([
    ["a namespace in two tenants", [ok, { name: "b", namespaces: ["payments"] }], {}, `${AT}[1].namespaces[0]`, /already belongs to tenant "payments"/],
    ["a namespace listed twice", [{ ...ok, namespaces: ["a", "a"] }], {}, `${AT}[0].namespaces[1]`, /listed twice/],
    ["kube-system", [{ ...ok, namespaces: ["kube-system"] }], {}, `${AT}[0].namespaces[0]`, /"kube-system" is reserved/],
    ["default", [{ ...ok, namespaces: ["default"] }], {}, `${AT}[0].namespaces[0]`, /reserved/],
    ["kube-node-lease", [{ ...ok, namespaces: ["kube-node-lease"] }], {}, `${AT}[0].namespaces[0]`, /reserved/],
    ["a namespace that is no DNS-1123 label", [{ ...ok, namespaces: ["Payments_1"] }], {}, `${AT}[0].namespaces[0]`, /not a DNS-1123 label/],
    ["a 64-character namespace", [{ ...ok, namespaces: ["a".repeat(64)] }], {}, `${AT}[0].namespaces[0]`, /64 characters; a DNS-1123 label has at most 63/],
    ["no namespace", [{ ...ok, namespaces: [] }], {}, `${AT}[0].namespaces`, /at least one namespace/],
    ["a bad tenant name", [{ ...ok, name: "Pay" }], {}, `${AT}[0].name`, /not a DNS-1123 label/],
    ["a duplicate tenant name", [ok, { ...ok, namespaces: ["x"], pool: undefined }], {}, `${AT}[1].name`, /duplicate tenant name "payments"/],
    ["a missing pool", [{ ...ok, pool: "gpu" }], {}, `${AT}[0].pool`, /no pool named "gpu"; pools are payments, shared/],
    ["a pool in two tenants", [ok, { name: "b", namespaces: ["b"], pool: "payments" }], {}, `${AT}[1].pool`, /already dedicated to tenant "payments"/],
    ["a cluster admin", [ok], { clusterAdmins: [LEAD], clusterAdminsPath: "workerpools:cluster.admins" }, `${AT}[0].admins[0]`, /is a cluster admin \(workerpools:cluster.admins\)/],
    ["an admin also viewer", [{ ...ok, viewers: [LEAD] }], {}, `${AT}[0].viewers[0]`, /also an admin of tenant "payments"/],
    ["an assumed-role ARN", [{ ...ok, admins: ["arn:aws:sts::111122223333:assumed-role/x/y"] }], {}, `${AT}[0].admins[0]`, /not an IAM role or user ARN/],
    ["a bad quota quantity", [{ ...ok, quota: { memory: "400GB" } }], {}, `${AT}[0].quota.memory`, /"400GB" is not a Kubernetes quantity/],
    ["a negative quota", [{ ...ok, quota: { cpu: "-1" } }], {}, `${AT}[0].quota.cpu`, /must not be negative/],
    ["fractional pods", [{ ...ok, quota: { pods: 1.5 } }], {}, `${AT}[0].quota.pods`, /non-negative integer, got 1.5/],
    ["a bad limit", [{ ...ok, limits: { default: { cpu: "lots" } } }], {}, `${AT}[0].limits.default.cpu`, /not a Kubernetes quantity/],
    ["a default request above the default limit", [{ ...ok, limits: { defaultRequest: { memory: "1Gi" }, default: { memory: "512Mi" } } }], {}, `${AT}[0].limits.defaultRequest.memory`, /1Gi is above the default limit 512Mi/],
    ["an unknown PSA level", [{ ...ok, podSecurity: "strict" as never }], {}, `${AT}[0].podSecurity`, /unknown Pod Security Admission level "strict"; one of privileged, baseline, restricted/],
  ])("refuses %s", (_what, tenants, ctx, path, message) => {
    const issues = check(tenants, ctx);
    expect(issues.map((i) => i.path)).toContain(path);
    expect(issues.find((i) => i.path === path)?.message).toMatch(message);
  });

  it("reports every problem at once", () => {
    expect(check([{ ...ok, namespaces: ["kube-system", "Bad"], pool: "gpu", quota: { cpu: "x" } }])).toHaveLength(4);
  });

  it("does not check pools it is not given (the component alone)", () => {
    expect(validateTenants([resolveTenant({ ...ok, pool: "anything" })], AT)).toEqual([]);
  });

  it("reserves Kubernetes' namespaces and the platform's", () => {
    expect(RESERVED_NAMESPACES).toEqual(expect.arrayContaining(["default", "kube-system", "kube-public", "kube-node-lease"]));
  });

  it("lets one principal be admin of one tenant and viewer of another", () => {
    expect(check([ok, { name: "b", namespaces: ["b"], viewers: [LEAD] }])).toEqual([]);
  });
});
