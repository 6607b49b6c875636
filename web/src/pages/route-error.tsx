import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ErrorResult } from '../components/query-state';
import NotFoundPage from './not-found-page';

/** Errors thrown while rendering a route (or a failed lazy chunk) end here instead of a blank page. */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <div className="page">
      <ErrorResult error={error} onRetry={() => window.location.reload()} />
    </div>
  );
}
