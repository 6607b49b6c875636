import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionDto, UserDto } from '@shared/dto';
import type { LoginBody, PasswordResetConfirmBody, PasswordResetRequestBody, RegisterBody } from '@shared/schemas';
import { api, isApiError } from './client';
import { taxonomyKeys } from './taxonomy';

export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
};

/**
 * The signed-in user, or null for an anonymous visitor. Asks /api/auth/session, which answers a visitor
 * 200 `{user: null}`: a 401 here was logged as an error in the console on every anonymous page.
 */
export function useMe() {
  return useQuery({
    queryKey: authKeys.me(),
    queryFn: async (): Promise<UserDto | null> => (await api.get<{ user: UserDto | null }>('/api/auth/session')).user,
    staleTime: 60_000,
  });
}

/** The session token lives only in the httpOnly cookie; it is dropped before anything is cached. */
type Session = Omit<SessionDto, 'token'>;
const withoutToken = ({ token: _token, ...session }: SessionDto): Session => session;

/**
 * Signing in or out changes what every other query may return (detail views, queues), so all
 * cached data except the user and the taxonomy is dropped.
 */
const kept = new Set<unknown>([authKeys.all[0], taxonomyKeys.all[0]]);

function useSessionChange() {
  const qc = useQueryClient();
  return (user: UserDto | null) => {
    qc.removeQueries({ predicate: (q) => !kept.has(q.queryKey[0]) });
    qc.setQueryData(authKeys.me(), user);
  };
}

export function useLogin() {
  const onSession = useSessionChange();
  return useMutation({
    mutationFn: async (body: LoginBody) => withoutToken(await api.post<SessionDto>('/api/auth/login', body)),
    onSuccess: (session) => onSession(session.user),
  });
}

export function useRegister() {
  const onSession = useSessionChange();
  return useMutation({
    mutationFn: async (body: RegisterBody) => withoutToken(await api.post<SessionDto>('/api/auth/register', body)),
    onSuccess: (session) => onSession(session.user),
  });
}

export function useLogout() {
  const onSession = useSessionChange();
  return useMutation({
    mutationFn: async () => {
      try {
        await api.post('/api/auth/logout');
      } catch (err) {
        // An expired session is already signed out.
        if (!(isApiError(err) && err.status === 401)) throw err;
      }
    },
    onSuccess: () => onSession(null),
  });
}

/** 忘记密码: always answers the same, whether or not the address has an account. */
export function usePasswordResetRequest() {
  return useMutation({
    mutationFn: (body: PasswordResetRequestBody) => api.post<{ ok: true }>('/api/auth/password-reset', body),
  });
}

export function usePasswordResetConfirm() {
  return useMutation({
    mutationFn: (body: PasswordResetConfirmBody) => api.post<{ ok: true }>('/api/auth/password-reset/confirm', body),
  });
}
