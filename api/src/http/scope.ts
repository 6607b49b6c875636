/**
 * A list's filter: the caller's scope (decided by the list's policy function) and what the query asks for,
 * joined with `$and`. Both must hold, so a query parameter naming a field the scope also constrains (a
 * sub-market, a region, an owner) can only narrow the answer, never replace the scope.
 */
export function withinScope(scope: Record<string, unknown>, asked: Record<string, unknown>): Record<string, unknown> {
  return Object.keys(asked).length === 0 ? scope : { $and: [scope, asked] };
}
