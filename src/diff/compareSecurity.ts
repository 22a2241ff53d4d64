import type { Operation, Spec } from '../spec';
import { type OperationScope, push } from './operationScope';

type Requirement = ReadonlyMap<string, ReadonlySet<string>>;

/** The operation's security alternatives (any one suffices); "no requirement" is the one empty alternative. */
function securityOf(spec: Spec, operation: Operation): { pointer: string; alternatives: Requirement[] } {
  const own = (operation.object as { security?: unknown }).security;
  const inherited = (spec.document as { security?: unknown }).security;
  const list = Array.isArray(own) ? own : Array.isArray(inherited) ? inherited : [];
  const pointer = Array.isArray(own) ? `${operation.pointer}/security` : '/security';
  const alternatives = (list as Record<string, unknown>[]).map(
    (requirement) =>
      new Map(
        Object.entries(requirement ?? {}).map(([scheme, scopes]) => [
          scheme,
          new Set(Array.isArray(scopes) ? scopes.map(String) : []),
        ]),
      ),
  );
  return { pointer, alternatives: alternatives.length === 0 ? [new Map()] : alternatives };
}

/** `wanted` asks nothing `given` does not supply: every scheme, with every scope. */
function satisfiedBy(wanted: Requirement, given: Requirement): boolean {
  return [...wanted].every(([scheme, scopes]) => {
    const supplied = given.get(scheme);
    return supplied !== undefined && [...scopes].every((s) => supplied.has(s));
  });
}

export function compareSecurity(scope: OperationScope, before: Operation, after: Operation): void {
  const o = securityOf(scope.old.spec, before);
  const n = securityOf(scope.new.spec, after);
  const show = (r: Requirement) =>
    r.size === 0
      ? 'none'
      : [...r].map(([s, scopes]) => (scopes.size ? `${s}[${[...scopes].join(',')}]` : s)).join('+');
  // An old client meets one old alternative; it still gets in when some new alternative asks no more.
  const shut = o.alternatives.filter((given) => !n.alternatives.some((wanted) => satisfiedBy(wanted, given)));
  const opened = n.alternatives.filter(
    (given) => !o.alternatives.some((wanted) => satisfiedBy(wanted, given)),
  );
  if (shut.length > 0) {
    push(
      scope,
      {
        kind: 'security-requirement-added',
        severity: 'breaking',
        where: 'security',
        pointer: '',
        message: `requests authorized by ${shut.map(show).join(' or ')} are now refused (now: ${n.alternatives.map(show).join(' or ')})`,
      },
      o.pointer,
      n.pointer,
    );
  } else if (opened.length > 0) {
    push(
      scope,
      {
        kind: 'security-requirement-relaxed',
        severity: 'safe',
        where: 'security',
        pointer: '',
        message: `also accepted now: ${opened.map(show).join(' or ')}`,
      },
      o.pointer,
      n.pointer,
    );
  }
}
