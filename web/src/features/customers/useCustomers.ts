import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type CreateCustomerBody, customerApi } from './api/customerApi';
import { filtersToQuery, type ListFilters } from './listFilters';

/** Query keys of the customer list and its lookups. */
export const customerListKeys = {
  all: ['customers'] as const,
  list: (f: ListFilters) => ['customers', 'list', filtersToQuery(f)] as const,
  units: ['customers', 'units'] as const,
  rms: (unitId?: string) => ['customers', 'rms', unitId ?? null] as const,
  tags: ['customers', 'tags'] as const,
};

/** The customer list for a set of filters, a keyset page at a time ("load more"). */
export function useCustomerList(filters: ListFilters) {
  return useInfiniteQuery({
    queryKey: customerListKeys.list(filters),
    queryFn: ({ pageParam }) => customerApi.list(filtersToQuery(filters, pageParam)),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** The organisation tree (for the branch filter and the new-customer form). */
export function useUnits() {
  return useQuery({ queryKey: customerListKeys.units, queryFn: customerApi.units, staleTime: 10 * 60_000 });
}

/** RMs the viewer may filter by, optionally of one unit subtree. */
export function useRelationshipManagers(unitId?: string) {
  return useQuery({
    queryKey: customerListKeys.rms(unitId),
    queryFn: () => customerApi.relationshipManagers(unitId),
    staleTime: 5 * 60_000,
  });
}

/** Tags used in the viewer's scope, most used first. */
export function useTagSuggestions() {
  return useQuery({ queryKey: customerListKeys.tags, queryFn: customerApi.tags, staleTime: 5 * 60_000 });
}

export function useCreateCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCustomerBody) => customerApi.create(body),
    onSuccess: () => qc.invalidateQueries({ queryKey: customerListKeys.all }),
  });
}
