import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type AddContactBody,
  type Customer360,
  customerApi,
  type RevealBody,
  type UpdateContactBody,
  type UpdateCustomerBody,
} from './api/customerApi';

/** Query keys of one customer; each contains the id, so a merge in DataQualityPanel refreshes them all. */
export const customerKeys = {
  view: (id: string) => ['customer', id] as const,
  timeline: (id: string) => ['customer', id, 'timeline'] as const,
};

/** The 360 view: header, contacts, holdings, activity, household and risk in one call. */
export function useCustomer360(id: string) {
  return useQuery({ queryKey: customerKeys.view(id), queryFn: () => customerApi.get(id) });
}

/** The timeline, newest first, a keyset page at a time. */
export function useTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: customerKeys.timeline(id),
    queryFn: ({ pageParam }) => customerApi.timeline(id, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

function useRefresh(id: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: customerKeys.view(id) });
    void qc.invalidateQueries({ queryKey: ['customers'] });
  };
}

/** Profile edit with the version read (optimistic concurrency): a 409 means a colleague changed it first. */
export function useUpdateCustomer(id: string) {
  const qc = useQueryClient();
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (body: UpdateCustomerBody) => customerApi.update(id, body),
    onSuccess: (header) => {
      qc.setQueryData<Customer360>(customerKeys.view(id), (old) => (old ? { ...old, header } : old));
      refresh();
    },
  });
}

export function useVerifyCustomer(id: string) {
  const refresh = useRefresh(id);
  return useMutation({ mutationFn: () => customerApi.verify(id), onSuccess: refresh });
}

export function useContactMutations(id: string) {
  const refresh = useRefresh(id);
  return {
    add: useMutation({ mutationFn: (body: AddContactBody) => customerApi.addContact(id, body), onSuccess: refresh }),
    update: useMutation({
      mutationFn: ({ contactId, body }: { contactId: string; body: UpdateContactBody }) =>
        customerApi.updateContact(id, contactId, body),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (contactId: string) => customerApi.removeContact(id, contactId),
      onSuccess: refresh,
    }),
  };
}

/** Show one masked value in full for a reason (audited on the server, AUD-02). */
export function useReveal(id: string) {
  return useMutation({ mutationFn: (body: RevealBody) => customerApi.reveal(id, body) });
}
