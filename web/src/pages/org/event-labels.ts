import type { LineageEventType, LineageKind } from '../../api/units';
import type { MessageKey } from '../../i18n/vi';
import { assertNever } from '../../components/assert-never';

export function eventLabelKey(type: LineageEventType): MessageKey {
  switch (type) {
    case 'created':
      return 'unit.event.created';
    case 'renamed':
      return 'unit.event.renamed';
    case 'moved':
      return 'unit.event.moved';
    case 'merged_into':
      return 'unit.event.merged_into';
    case 'split_from':
      return 'unit.event.split_from';
    case 'dissolved':
      return 'unit.event.dissolved';
    default:
      return assertNever(type);
  }
}

/** Unknown event types from a newer server are shown by their code rather than breaking the page. */
export function isLineageEventType(value: string): value is LineageEventType {
  return ['created', 'renamed', 'moved', 'merged_into', 'split_from', 'dissolved'].includes(value);
}

export function kindLabelKey(kind: LineageKind | null | undefined): MessageKey | null {
  return kind === 'full' ? 'common.whole' : kind === 'partial' ? 'common.partial' : null;
}
