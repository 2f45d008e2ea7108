import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { snapshotView } from '../../../src/server/modules/snapshots/snapshots.schemas';
import { api } from './client';

export type Snapshot = z.infer<typeof snapshotView>;

export function useSnapshot(periodId: string | undefined, scope: string | undefined) {
  return useQuery({ queryKey: ['snapshots', periodId, scope], queryFn: () => api.get<Snapshot>(`/api/ranking-snapshots/${periodId}`, { scope }), enabled: Boolean(periodId) });
}

export function useSnapshotActions(periodId: string | undefined) {
  const queryClient = useQueryClient();
  const done = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['snapshots'] }),
      queryClient.invalidateQueries({ queryKey: ['public'] }),
      queryClient.invalidateQueries({ queryKey: ['dashboard'] }),
    ]);
  const post = (name: 'close' | 'freeze' | 'publish') => () => api.post<Snapshot>(`/api/ranking-snapshots/${periodId}/${name}`);
  return {
    close: useMutation({ mutationFn: post('close'), onSuccess: done }),
    freeze: useMutation({ mutationFn: post('freeze'), onSuccess: done }),
    publish: useMutation({ mutationFn: post('publish'), onSuccess: done }),
    correct: useMutation({ mutationFn: (reason: string) => api.post<Snapshot>(`/api/ranking-snapshots/${periodId}/correct`, { reason }), onSuccess: done }),
  };
}
