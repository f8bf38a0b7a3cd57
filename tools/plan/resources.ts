/** One recorded resource of the plan document, and the tree over them. Pure. */

/** One resource of the plan document. */
export interface PlanResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Parent URN; `""` for the stack itself. */
  readonly parent: string;
  /** URNs this resource waits for (explicit dependsOn and every input's source). */
  readonly dependencies: string[];
  /** Per input property, the URNs its value came from (as CrossGuard's `propertyDependencies`). */
  readonly propertyDependencies: Record<string, string[]>;
  readonly ignoreChanges: string[];
  /** Inputs as the provider would receive them; secrets as `"[secret]"`. */
  readonly inputs: Record<string, unknown>;
}

/** Each parent URN's children, in registration order (`""` keys the roots). */
export function childrenByParent(resources: readonly PlanResource[]): Map<string, PlanResource[]> {
  const children = new Map<string, PlanResource[]>();
  for (const r of resources) {
    const list = children.get(r.parent);
    if (list) list.push(r);
    else children.set(r.parent, [r]);
  }
  return children;
}
