import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { FullPageSpinner } from '../../ui/FullPageSpinner';
import { type AreaKey, canOpenArea, visibleAreas } from '../navigation';
import { ForbiddenPage, LoadFailedPage, NoAreasPage } from '../StatusPages';
import { totpEnrolPath } from '../totpPath';
import { CurrentUserContext, currentUserQuery, useCurrentUser } from './useCurrentUser';

/** Routes below need a session: GET /api/auth/me, and a 401 sends the user to /login. */
export function RequireAuth() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useQuery(currentUserQuery);
  if (me.isPending) return <FullPageSpinner label={t('status.loading')} />;
  if (me.isError) return <LoadFailedPage onRetry={() => void me.refetch()} />;
  if (me.data === null) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={from === '/' ? null : { from }} />;
  }
  // SEC-03: a role that requires TOTP gives no permission until it is enrolled, so enrolment comes first
  if (me.data.totpEnrolmentRequired && location.pathname !== totpEnrolPath) {
    return <Navigate to={totpEnrolPath} replace />;
  }
  return (
    <CurrentUserContext value={me.data}>
      <Outlet />
    </CurrentUserContext>
  );
}

/** An area's pages need the area's permission; the server checks the same on every API call. */
export function RequireArea({ area }: { area: AreaKey }) {
  const user = useCurrentUser();
  return canOpenArea(user.permissions, area) ? <Outlet /> : <ForbiddenPage />;
}

/** `/` opens the first area the user may use. */
export function HomeRedirect() {
  const user = useCurrentUser();
  const first = visibleAreas(user.permissions)[0];
  return first ? <Navigate to={first.path} replace /> : <NoAreasPage />;
}
