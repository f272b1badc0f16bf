import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { adminApi, adminKeys, type Unit } from '../adminApi';

export type UnitNode = { value: string; title: string; key: string; unit: Unit; children: UnitNode[] };

/** The organisation as a tree (head office > branches > sub-branches), from units ordered by path. */
export function unitTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  const roots: UnitNode[] = [];
  for (const u of [...units].sort((a, b) => a.path.localeCompare(b.path))) {
    const node: UnitNode = { value: u.id, key: u.id, title: `${u.name}（${u.code}）`, unit: u, children: [] };
    nodes.set(u.id, node);
    const parent = u.parentId ? nodes.get(u.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Every unit, by id and as a tree. */
export function useUnits() {
  const query = useQuery({ queryKey: adminKeys.units, queryFn: adminApi.units, staleTime: 60_000 });
  const units = query.data;
  return useMemo(
    () => ({
      query,
      units: units ?? [],
      byId: new Map((units ?? []).map((u) => [u.id, u])),
      tree: unitTree(units ?? []),
    }),
    [query, units],
  );
}
