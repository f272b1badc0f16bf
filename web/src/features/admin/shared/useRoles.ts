import { useQuery } from '@tanstack/react-query';
import { adminApi, adminKeys, type Role } from '../adminApi';

/** The roles, and a label for a role code (its name, or the code when unknown). */
export function useRoles() {
  const query = useQuery({ queryKey: adminKeys.roles, queryFn: adminApi.roles, staleTime: 60_000 });
  const byCode = new Map<string, Role>((query.data ?? []).map((r) => [r.code, r]));
  return { query, roles: query.data ?? [], byCode, label: (code: string) => byCode.get(code)?.name ?? code };
}
