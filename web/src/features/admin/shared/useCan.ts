import { useCurrentUser } from '../../../app/auth/useCurrentUser';

/** Whether the signed-in user holds a permission; the server checks the same on every call. */
export function useCan(): (permission: string) => boolean {
  const user = useCurrentUser();
  const held = new Set(user.permissions);
  return (permission) => held.has(permission);
}
