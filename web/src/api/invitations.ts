import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InvitationDto } from '@shared/dto';
import { authKeys } from './auth';
import { api } from './client';
import { orgKeys } from './orgs';

export const invitationKeys = {
  all: ['invitations'] as const,
  mine: () => [...invitationKeys.all, 'mine'] as const,
};

/** Invitations to join an organisation addressed to the signed-in user's e-mail. */
export function useMyInvitations(enabled = true) {
  return useQuery({
    queryKey: invitationKeys.mine(),
    queryFn: async () => (await api.get<{ items: InvitationDto[] }>('/api/invitations')).items,
    enabled,
  });
}

export function useAnswerInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, answer }: { id: string; answer: 'accept' | 'decline' }) =>
      (await api.post<{ invitation: InvitationDto }>(`/api/invitations/${id}/${answer}`)).invitation,
    onSuccess: (invitation) => {
      void qc.invalidateQueries({ queryKey: invitationKeys.all });
      if (invitation.status === 'accepted') {
        // Joining changes the signed-in user and what they may see of the organisation.
        void qc.invalidateQueries({ queryKey: authKeys.me() });
        void qc.invalidateQueries({ queryKey: orgKeys.all });
      }
    },
  });
}
