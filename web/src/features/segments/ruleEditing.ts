import type { Condition, FieldInfo, Group } from './segmentsApi';

/** Pure edits of a rule tree at a path of indexes (the builder's state changes). */
export type Path = readonly number[];

export function updateAt(g: Group, path: Path, f: (x: Condition | Group) => Condition | Group | null): Group {
  if (path.length === 0) return f(g) as Group;
  const [i, ...rest] = path as [number, ...number[]];
  const rules = g.rules.flatMap((r, j) => {
    if (j !== i) return [r];
    const next = rest.length === 0 ? f(r) : updateAt(r as Group, rest, f);
    return next ? [next] : [];
  });
  return { ...g, rules };
}

export function addTo(g: Group, path: Path, item: Condition | Group): Group {
  return updateAt(g, path, (x) => ({ ...(x as Group), rules: [...(x as Group).rules, item] }));
}

/** A condition on `field` with its first operator and an empty value of the right kind. */
export function newCondition(field: FieldInfo): Condition {
  const op = field.operators[0] ?? 'eq';
  return { field: field.field, op, value: defaultValue(field, op) };
}

export function isListOp(op: string): boolean {
  return ['in', 'not_in', 'has_any', 'has_all', 'has_none'].includes(op);
}

export function defaultValue(field: FieldInfo, op: string): unknown {
  if (op === 'is_null' || op === 'is_not_null') return undefined;
  if (isListOp(op)) return [];
  if (op === 'between') return [field.min ?? 0, field.min ?? 0];
  if (field.values) return field.values[0];
  if (field.type === 'money' || field.type === 'int') return field.min ?? 0;
  return '';
}

/** Conditions with an empty value are left out of the preview until filled in. */
export function completeRule(g: Group): Group | null {
  const rules = g.rules.flatMap((r): (Condition | Group)[] => {
    if ('combinator' in r) {
      const sub = completeRule(r);
      return sub ? [sub] : [];
    }
    if (r.op === 'is_null' || r.op === 'is_not_null') return [r];
    if (r.value === '' || r.value === undefined || (Array.isArray(r.value) && r.value.length === 0)) return [];
    return [r];
  });
  return rules.length > 0 ? { ...g, rules } : null;
}
