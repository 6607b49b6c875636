/** Hooks for the platform settings (admins): /api/admin/settings. Yearly targets are the tally's (api/stats). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PlatformSettingsDto, UpdateSettingsBody } from '@shared/settings-schemas';
import { api } from './client';

export const settingsKeys = { all: ['settings'] as const };

export function usePlatformSettings() {
  return useQuery({
    queryKey: settingsKeys.all,
    queryFn: async () => (await api.get<{ settings: PlatformSettingsDto }>('/api/admin/settings')).settings,
  });
}

export function useUpdatePlatformSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: UpdateSettingsBody) =>
      (await api.patch<{ settings: PlatformSettingsDto }>('/api/admin/settings', body)).settings,
    onSuccess: (settings) => {
      qc.setQueryData(settingsKeys.all, settings);
      // Payers read the bank account and fee rate from the payments config.
      void qc.invalidateQueries({ queryKey: ['payments'] });
    },
  });
}
