import type { ReactNode } from 'react';
import { Button, Form, type TableColumnType } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import type { Criterion } from '../../../../src/core/criteria/criteria.schemas';
import type { Definition } from './definition-edit';
import type { MovementsTranslate } from './strings';

// What the criteria-set editors (CriteriaEditor, DataElementsEditor, BandsEditor and their parts) share.

/** Changes the draft definition; `path` names the field edited, so that its server error is cleared. */
export type SetDefinition = (update: (d: Definition) => Definition, path?: string) => void;
/** The server's errors by field path (`criteria[2].targets[0].threshold`). */
export type Errors = ReadonlyMap<string, string[]>;
export type EditorProps = { definition: Definition; setDefinition: SetDefinition; errors: Errors };
/** Changes one criterion of the draft; `path` as for SetDefinition. */
export type UpdateCriterion = (update: (c: Criterion) => Criterion, path?: string) => void;

/** A form item's error state for the field at `path`. */
export function status(errors: Errors, path: string): { validateStatus?: 'error'; help?: ReactNode } {
  const list = errors.get(path);
  return list && list.length > 0 ? { validateStatus: 'error', help: list.join('; ') } : {};
}

/** How many errors lie at `prefix` or below it. */
export function countErrors(errors: Errors, prefix: string): number {
  let n = 0;
  for (const [path, list] of errors) if (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)) n += list.length;
  return n;
}

/** A cell input with its error under it (tables have no room for labels: the accessible name is given). */
export function Cell({ errors, path, children }: { errors: Errors; path: string; children: ReactNode }) {
  return <Form.Item {...status(errors, path)}>{children}</Form.Item>;
}

/** A row of an editor table: an item of the edited list and its index there. */
export type EditorRow<T> = { item: T; index: number };

export function editorRows<T>(items: readonly T[]): EditorRow<T>[] {
  return items.map((item, index) => ({ item, index }));
}

/**
 * The column factory of the editor tables, whose rows are the items of the list at `listPath` (`dataElements`,
 * `bands`, `criteria[0].targets`): a field column puts its input in a Cell showing the errors of that item's field; the
 * remove column is the last, with a hidden title.
 */
export function editorColumns<T>({ t, errors, listPath }: { t: MovementsTranslate; errors: Errors; listPath: string }) {
  type Column = TableColumnType<EditorRow<T>>;
  const widthOf = (width: number | undefined) => (width === undefined ? {} : { width });
  return {
    /** A column editing one field of each item; `field` is the error path's last part when it differs from `key`. */
    field(spec: { key: string; title: ReactNode; width?: number; field?: string }, render: (row: EditorRow<T>) => ReactNode): Column {
      return {
        title: spec.title,
        key: spec.key,
        ...widthOf(spec.width),
        render: (_: unknown, row: EditorRow<T>) => (
          <Cell errors={errors} path={`${listPath}[${row.index}].${spec.field ?? spec.key}`}>
            {render(row)}
          </Cell>
        ),
      };
    },
    /** A column whose input has no error of its own (a check box). */
    plain(spec: { key: string; title: ReactNode; width?: number }, render: (row: EditorRow<T>) => ReactNode): Column {
      return { title: spec.title, key: spec.key, ...widthOf(spec.width), render: (_: unknown, row: EditorRow<T>) => render(row) };
    },
    /** The button that removes an item, named after it. */
    remove(label: (row: EditorRow<T>) => string, onRemove: (row: EditorRow<T>) => void): Column {
      return {
        title: <span className="visually-hidden">{t('editor.remove')}</span>,
        key: 'remove',
        width: 52,
        render: (_: unknown, row: EditorRow<T>) => <Button type="text" danger icon={<DeleteOutlined />} aria-label={label(row)} onClick={() => onRemove(row)} />,
      };
    },
  };
}
